package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored templates, batches and the request rule through both entry points (REST and the inbox topic), on the
 * running dispatch that {@link DecisionFlowIT} shares: a template in French and English rendered in each customer's
 * language in the email the local channel end writes, an unknown template refused at POST and rejected
 * INVALID_TEMPLATE on the inbox, a batch answered per item, and a MARKETING request's default expiry.
 */
class TemplatesIT extends DecisionFlowContext {

    private static final String FRENCH = "c-tpl-fr-" + RUN;
    private static final String ENGLISH = "c-tpl-en-" + RUN;
    private static final String TEMPLATE = "welcome-" + RUN;
    private static final String SERVICE_TOPIC = "orders-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicBoolean PUBLISHED = new AtomicBoolean();

    @BeforeEach
    void customersAndTemplate() throws Exception {
        if (!PUBLISHED.compareAndSet(false, true)) {
            return;
        }
        AddressHmac hmac = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "promotions", KairosSerdes.topicCatalogueEntry()
                    .encode(topic("promotions", TopicCategory.MARKETING))));
            producer.send(new ProducerRecord<>(topics.name("topics"), SERVICE_TOPIC, KairosSerdes.topicCatalogueEntry()
                    .encode(topic(SERVICE_TOPIC, TopicCategory.SERVICE))));
            for (String customer : List.of(FRENCH, ENGLISH)) {
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer, KairosSerdes
                        .contactPreferences().encode(customer.equals(FRENCH) ? customer(FRENCH, "fr-FR", Title.MRS, "Durand")
                                : customer(ENGLISH, "en-GB", Title.MR, "Smith"))));
                producer.send(new ProducerRecord<>(topics.name("consents"), customer, KairosSerdes.consentState()
                        .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                                .setVersion(1).setUpdatedAt(Instant.now())
                                .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                                        .setPurpose("promotions").setStatus(ConsentStatus.ACTIVE)
                                        .setBasis(LegalBasis.OPT_IN).setAddressHmac(hmac.of(address(customer)))
                                        .setEntryId("entry-" + customer).build()))
                                .build())));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(FRENCH).has("consents")
                && api().exportOf(ENGLISH).has("consents"));
        HttpResponse<String> stored = put("/api/v1/templates/" + TEMPLATE, """
                {"defaultLocale": "en", "variables": ["code"],
                 "locales": {
                   "en": {"EMAIL": {"subject": "{{salutation}}, your code {{code}}", "text": "{{salutation}}, use {{code}} this week."}},
                   "fr": {"EMAIL": {"subject": "{{salutation}}, votre code {{code}}", "text": "{{salutation}}, utilisez {{code}} cette semaine."}}}}""");
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
    }

    @Test
    void aTemplateInFrenchAndEnglishIsRenderedInEachCustomersLanguageOverRestAndTheInbox() throws Exception {
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(api().uri("/api/v1/templates/" + TEMPLATE))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("locales").has("fr")).isTrue();

        String overRest = "tpl-" + RUN + ":rest-fr";
        assertThat(api().post(named(overRest, FRENCH, TEMPLATE)).statusCode()).isEqualTo(202);
        String overInbox = "tpl-" + RUN + ":inbox-en";
        produce(SendMessage.newBuilder().setRequestId(overInbox).setCustomerId(ENGLISH).setTopic("promotions")
                .setTemplateId(TEMPLATE).setVariables(Map.of("code", "X-42")).build());

        awaitStatus(overRest, "SENT");
        awaitStatus(overInbox, "SENT");
        MimeMessage french = sentEmail(overRest);
        assertThat(french.getSubject()).isEqualTo("Bonjour Madame Durand, votre code X-42");
        assertThat(french.getContent().toString()).contains("Bonjour Madame Durand, utilisez X-42 cette semaine.");
        MimeMessage english = sentEmail(overInbox);
        assertThat(english.getSubject()).isEqualTo("Dear Mr Smith, your code X-42");
        assertThat(english.getContent().toString()).contains("Dear Mr Smith, use X-42 this week.");
    }

    @Test
    void aTemplateWithAPlaceholderNothingFillsIsRefusedNamingThePart() throws Exception {
        HttpResponse<String> refused = put("/api/v1/templates/typo-" + RUN, """
                {"defaultLocale": "fr", "locales": {"fr": {"EMAIL": {"subject": "{{salutaton}}", "text": "t"}}}}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("errors").findValuesAsString("field"))
                .containsExactly("locales.fr.EMAIL.subject");
    }

    /**
     * The same invalid requests, over REST and straight to the inbox, are refused for the same reason: the REST
     * problem's fields and messages are the rejection's detail.
     */
    @Test
    void bothEntryPointsRefuseTheSameRequestsForTheSameReasons() throws Exception {
        String customer = "c-rule-" + RUN;
        Instant at = Instant.parse("2026-11-27T07:00:00Z");
        Map<SendMessage, String> cases = Map.of(
                request("no-subject", customer).setContent(Map.of("EMAIL", new MessageContent(null, "hi", null))).build(),
                "INVALID_REQUEST",
                request("bad-template", customer).setContent(Map.of("EMAIL", new MessageContent("s", "{{/oops}}", null)))
                        .build(), "INVALID_TEMPLATE",
                request("unknown-template", customer).setTemplateId("no-such-template-" + RUN).build(), "INVALID_TEMPLATE",
                request("both", customer).setTemplateId(TEMPLATE)
                        .setContent(Map.of("EMAIL", new MessageContent("s", "hi", null))).build(), "INVALID_REQUEST",
                request("unknown-topic", customer).setTopic("no-such-topic")
                        .setContent(Map.of("EMAIL", new MessageContent("s", "hi", null))).build(), "INVALID_REQUEST",
                request("expiry", customer).setContent(Map.of("EMAIL", new MessageContent("s", "hi", null)))
                        .setNotBefore(at).setExpiresAt(at).build(), "INVALID_REQUEST");

        Map<String, String> restProblems = new HashMap<>();
        for (SendMessage bad : cases.keySet()) {
            HttpResponse<String> response = api().post(json(bad).toString());
            assertThat(response.statusCode()).as(bad.getRequestId()).isEqualTo(400);
            List<String> problems = new ArrayList<>();
            JSON.readTree(response.body()).get("errors").forEach(e -> problems.add(e.get("field").asText() + ": "
                    + e.get("message").asText()));
            restProblems.put(bad.getRequestId(), String.join("; ", problems));
            produce(bad);
        }
        try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("outcomes"))) {
            List<MessageOutcome> rejected = outcomes.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    values -> values.size() >= cases.size());
            for (MessageOutcome outcome : rejected) {
                SendMessage bad = cases.keySet().stream().filter(c -> c.getRequestId().equals(outcome.getRequestId()))
                        .findFirst().orElseThrow();
                MessageRejected why = (MessageRejected) outcome.getOutcome();
                assertThat(why.getReasons()).as(bad.getRequestId()).containsExactly(cases.get(bad));
                assertThat(why.getDetail()).as(bad.getRequestId()).isEqualTo(restProblems.get(bad.getRequestId()));
            }
        }
        awaitStatus("tpl-" + RUN + ":unknown-template", "REJECTED");
        assertThat(api().status("tpl-" + RUN + ":unknown-template").get("reasons").get(0).asText())
                .isEqualTo("INVALID_TEMPLATE");
    }

    @Test
    void aBatchIsAnsweredPerItemAndItsGoodItemsAreDecided() throws Exception {
        String first = "tpl-" + RUN + ":batch-1";
        String third = "tpl-" + RUN + ":batch-3";
        HttpResponse<String> response = postBatch("[" + named(first, FRENCH, TEMPLATE) + ","
                + named("tpl-" + RUN + ":batch-2", FRENCH, "no-such-template-" + RUN) + ","
                + named(third, ENGLISH, TEMPLATE) + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        List<String> statuses = new ArrayList<>();
        answer.get("items").forEach(item -> statuses.add(item.get("status").asText()));
        assertThat(statuses).containsExactly("ACCEPTED", "INVALID", "ACCEPTED");
        JsonNode problem = answer.get("items").get(1).get("problem");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("templateId");
        awaitStatus(first, "SENT");
        awaitStatus(third, "SENT");
        assertThat(api().status("tpl-" + RUN + ":batch-2")).isNull();

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 1_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{}");
        }
        HttpResponse<String> refused = postBatch(tooMany.append("]").toString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aMarketingRequestWithoutExpiryExpiresAWeekAfterNotBeforeWhicheverWayItCame() throws Exception {
        String eightDaysAgo = Instant.now().minus(Duration.ofDays(8)).toString();
        String overRest = "tpl-" + RUN + ":stale-rest";
        String service = "tpl-" + RUN + ":stale-service";
        String overInbox = "tpl-" + RUN + ":stale-inbox";
        assertThat(api().post(((ObjectNode) JSON.readTree(named(overRest, FRENCH, TEMPLATE)))
                .put("notBefore", eightDaysAgo).toString()).statusCode()).isEqualTo(202);
        assertThat(api().post(((ObjectNode) JSON.readTree(named(service, FRENCH, TEMPLATE)))
                .put("topic", SERVICE_TOPIC).put("notBefore", eightDaysAgo).toString()).statusCode()).isEqualTo(202);
        produce(SendMessage.newBuilder().setRequestId(overInbox).setCustomerId(ENGLISH).setTopic("promotions")
                .setTemplateId(TEMPLATE).setVariables(Map.of("code", "X-42")).setNotBefore(Instant.parse(eightDaysAgo))
                .build());

        awaitStatus(overRest, "EXPIRED");
        awaitStatus(overInbox, "EXPIRED");
        // A SERVICE message gets no default expiry: it goes.
        awaitStatus(service, "SENT");
    }

    private static SendMessage.Builder request(String name, String customer) {
        return SendMessage.newBuilder().setRequestId("tpl-" + RUN + ":" + name).setCustomerId(customer)
                .setTopic("promotions");
    }

    /** The REST body of a request, with the fields these cases set. */
    private static ObjectNode json(SendMessage m) {
        ObjectNode body = JSON.createObjectNode().put("requestId", m.getRequestId()).put("customerId", m.getCustomerId())
                .put("topic", m.getTopic());
        if (!m.getContent().isEmpty()) {
            ObjectNode content = body.putObject("content");
            m.getContent().forEach((channel, c) -> content.putObject(channel).put("subject", c.getSubject())
                    .put("text", c.getText()));
        }
        if (m.getTemplateId() != null) {
            body.put("templateId", m.getTemplateId());
        }
        if (m.getNotBefore() != null) {
            body.put("notBefore", m.getNotBefore().toString()).put("expiresAt", m.getExpiresAt().toString());
        }
        return body;
    }

    private static String named(String requestId, String customer, String template) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "promotions", "templateId": "%s",
                 "variables": {"code": "X-42"}}""".formatted(requestId, customer, template);
    }

    private MimeMessage sentEmail(String requestId) throws Exception {
        Path eml = SINKS.resolve("email").resolve(requestId.replace(':', '_') + ".email.eml");
        try (InputStream in = Files.newInputStream(eml)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            message.getContent();
            return message;
        }
    }

    private void produce(SendMessage request) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("requests"), request.getCustomerId(),
                    KairosSerdes.sendMessage().encode(request))).get();
        }
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api().uri(path))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:send"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postBatch(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api().uri("/api/v1/messages/batch"))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String requestId, String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(String.valueOf(api().status(requestId)))
                .as("status of %s", requestId).contains("\"status\":\"" + expected + "\""));
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class));
    }

    private static TopicCatalogueEntry topic(String id, TopicCategory category) {
        return TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(id).setName(id)
                .setCategory(category).setPurpose(id).setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(Instant.now()).build();
    }

    private static String address(String customerId) {
        return customerId + "@example.fr";
    }

    private static ContactPreferences customer(String id, String locale, Title title, String familyName) {
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(id).setVersion(1)
                .setUpdatedAt(Instant.now()).setLocale(locale).setTimeZone("Europe/Paris").setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(title).setFamilyName(familyName).build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(address(id)).build()).build();
    }
}
