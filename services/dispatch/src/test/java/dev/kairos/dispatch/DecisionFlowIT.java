package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.links.LinkCheck;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkPurpose;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.OpenApiDocument;
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
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Dispatch against a real broker: replicas built from the compacted topics, a request over REST, the
 * email written by the local channel end, and the status answered by the API.
 */
class DecisionFlowIT extends DecisionFlowContext {

    private static final String WITH_CONSENT = "c-consent-" + RUN;
    private static final String WITHOUT_CONSENT = "c-none-" + RUN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicBoolean PUBLISHED = new AtomicBoolean();

    @Autowired
    SignedLinks links;

    /** Publishes the catalogue, preferences and consents the way the other services do, once per run. */
    @BeforeEach
    void replicasOfPreferencesAndConsents() {
        if (!PUBLISHED.compareAndSet(false, true)) {
            return;
        }
        AddressHmac hmac = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "promotions", KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setTopicId("promotions").setName("Promotions").setCategory(TopicCategory.MARKETING)
                            .setPurpose("promotions").setDefaultChannels(List.of(Channel.EMAIL))
                            .setUpdatedAt(Instant.now()).build())));
            for (String customer : List.of(WITH_CONSENT, WITHOUT_CONSENT)) {
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                        KairosSerdes.contactPreferences().encode(preferences(customer))));
            }
            producer.send(new ProducerRecord<>(topics.name("consents"), WITH_CONSENT, KairosSerdes.consentState()
                    .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(WITH_CONSENT)
                            .setVersion(1).setUpdatedAt(Instant.now())
                            .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                                    .setPurpose("promotions").setStatus(ConsentStatus.ACTIVE).setBasis(LegalBasis.OPT_IN)
                                    .setAddressHmac(hmac.of(email(WITH_CONSENT))).setEntryId("entry-" + RUN).build()))
                            .build())));
            producer.flush();
        }
    }

    @Test
    void sendsAPersonalisedEmailWithConsentAndSuppressesWithoutIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITH_CONSENT).has("consents")
                && api().exportOf(WITH_CONSENT).has("contact-preferences"));

        String sentId = "it-" + RUN + ":sent";
        assertThat(api().post(message(sentId, WITH_CONSENT)).statusCode()).isEqualTo(202);
        JsonNode sent = awaitStatus(sentId, "SENT");
        assertThat(sent.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(sent.get("consentEntryId").asText()).isEqualTo("entry-" + RUN);

        Path eml = SINKS.resolve("email").resolve(sentId.replace(':', '_') + ".email.eml");
        String email = Files.readString(eml);
        assertThat(email).contains("To: " + email(WITH_CONSENT)).contains("Subject: Bonjour Camille Durand, -30 %");
        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(eml));
        assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        // The HTTPS link comes first, then the mailto address.
        String unsubscribe = parsed.getHeader("List-Unsubscribe", null).replaceAll("(?s)^<([^>]+)>.*$", "$1");
        assertThat(unsubscribe).startsWith("http://localhost:8081/u/");
        LinkCheck check = links.verify(unsubscribe.substring(unsubscribe.lastIndexOf('/') + 1));
        assertThat(check).isInstanceOf(LinkCheck.Valid.class);
        LinkClaims claims = ((LinkCheck.Valid) check).claims();
        assertThat(List.of(claims.purpose(), claims.subject(), claims.topic(), claims.channel()))
                .containsExactly(LinkPurpose.UNSUBSCRIBE, WITH_CONSENT, "promotions", "EMAIL");
        assertThat(parsed.getContent().toString()).containsPattern("Préférences : http://localhost:8081/p/[A-Za-z0-9_-]{20,}");

        String suppressedId = "it-" + RUN + ":suppressed";
        assertThat(api().post(message(suppressedId, WITHOUT_CONSENT)).statusCode()).isEqualTo(202);
        JsonNode suppressed = awaitStatus(suppressedId, "SUPPRESSED");
        assertThat(suppressed.get("reasons").get(0).asText()).isEqualTo("NO_CONSENT");
        assertThat(Files.exists(SINKS.resolve("email").resolve(suppressedId.replace(':', '_') + ".email.eml"))).isFalse();
    }

    /**
     * ADR 0047: the trace a campaign system sends in goes with the request's record into Kafka, through the decision
     * (Streams keeps a record's headers), and the email sender's binding continues it: the outcome it writes carries
     * the same trace under a span of its own.
     */
    @Test
    void aTraceThatEntersByRestLeavesOnTheRequestRecordAndTheSenderContinuesIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITH_CONSENT).has("consents"));
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String requestId = "it-" + RUN + ":traced";

        assertThat(api().post(message(requestId, WITH_CONSENT), "00-" + traceId + "-" + callerSpan + "-01")
                .statusCode()).isEqualTo(202);
        awaitStatus(requestId, "SENT");

        String server = TestInfrastructure.kafka().bootstrapServers();
        String inboxSpan;
        try (TopicReader requests = new TopicReader(server, topics.name("requests"))) {
            String[] traceparent = traceparent(requests.awaitRecord(WITH_CONSENT,
                    r -> KairosSerdes.sendMessage().decode(r.value()).getRequestId().equals(requestId)));
            assertThat(traceparent[1]).as("trace id on the request's record").isEqualTo(traceId);
            inboxSpan = traceparent[2];
            assertThat(inboxSpan).as("the API's own span").isNotEqualTo(callerSpan);
        }
        try (TopicReader outcomes = new TopicReader(server, topics.name("outcomes"))) {
            String[] traceparent = traceparent(outcomes.awaitRecord(WITH_CONSENT, r -> {
                MessageOutcome outcome = KairosSerdes.messageOutcome().decode(r.value());
                return outcome.getRequestId().equals(requestId) && outcome.getOutcome() instanceof MessageSent;
            }));
            assertThat(traceparent[1]).as("trace id on the sender's outcome").isEqualTo(traceId);
            assertThat(traceparent[2]).as("the sender's own span").isNotIn(callerSpan, inboxSpan);
        }
    }

    /** The parts of a record's W3C traceparent header: version, trace id, span id, flags. */
    private static String[] traceparent(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header").isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8).split("-");
    }

    @Test
    void theSameRequestIdTwiceIsDecidedOnce() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITHOUT_CONSENT).has("contact-preferences"));
        String id = "it-" + RUN + ":twice";
        assertThat(api().post(message(id, WITHOUT_CONSENT)).statusCode()).isEqualTo(202);
        assertThat(api().post(message(id, WITHOUT_CONSENT)).statusCode()).isEqualTo(202);
        // A later request of the same customer is decided after both copies: once it is, the copy was seen.
        String later = "it-" + RUN + ":later";
        api().post(message(later, WITHOUT_CONSENT));
        awaitStatus(later, "SUPPRESSED");

        assertThat(api().status(id).get("history")).hasSize(1);
    }

    @Test
    void anUndecodableRecordGoesToTheDeadLetterTopicAndTheRequestsBehindItAreDecided() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITHOUT_CONSENT).has("contact-preferences"));
        String junkKey = "junk-" + RUN;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            // Same key as the request that follows, so both land on the same partition, junk first.
            producer.send(new ProducerRecord<>(topics.name("requests"), WITHOUT_CONSENT,
                    ("not avro " + junkKey).getBytes(StandardCharsets.UTF_8))).get();
        }
        String after = "it-" + RUN + ":after-junk";
        assertThat(api().post(message(after, WITHOUT_CONSENT)).statusCode()).isEqualTo(202);

        awaitStatus(after, "SUPPRESSED");
        try (TopicReader deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("dead-letters"))) {
            var letter = deadLetters.awaitValues(WITHOUT_CONSENT, value -> new String(value, StandardCharsets.UTF_8),
                    values -> values.contains("not avro " + junkKey));
            assertThat(letter).contains("not avro " + junkKey);
        }
    }

    @Test
    void anInvalidTemplateProducedStraightToTheInboxIsRejectedAndTheNextRequestIsSent() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITH_CONSENT).has("consents"));
        String oops = "it-" + RUN + ":oops";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            // Same key as the request that follows: the same partition, the invalid one first.
            producer.send(new ProducerRecord<>(topics.name("requests"), WITH_CONSENT, KairosSerdes.sendMessage()
                    .encode(SendMessage.newBuilder().setRequestId(oops).setCustomerId(WITH_CONSENT).setTopic("promotions")
                            .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("x").setText("{{/oops}}")
                                    .build())).build()))).get();
        }
        String next = "it-" + RUN + ":after-oops";
        assertThat(api().post(message(next, WITH_CONSENT)).statusCode()).isEqualTo(202);

        awaitStatus(next, "SENT");
        JsonNode rejected = awaitStatus(oops, "REJECTED");
        assertThat(rejected.get("reasons").get(0).asText()).isEqualTo("INVALID_TEMPLATE");
    }

    @Test
    void anInvalidTemplateIsRefusedAtPostNamingItsPart() throws Exception {
        HttpResponse<String> response = api().post("""
                {"requestId": "it-%s:oops-rest", "customerId": "%s", "topic": "promotions",
                 "content": {"EMAIL": {"subject": "x", "text": "{{/oops}}"}}}""".formatted(RUN, WITH_CONSENT));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field"))
                .containsExactly("content.EMAIL.text");
    }

    @Test
    void undecodableRecordsOnAGlobalTableGoToTheDeadLetterTopicAndTheEngineStaysReady() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITHOUT_CONSENT).has("contact-preferences"));
        String junkKey = "junk-suppression-" + RUN;
        byte[] truncated = Arrays.copyOf(KairosSerdes.sendMessage().encode(SendMessage.newBuilder().setRequestId("x")
                .setCustomerId("x").setTopic("promotions").build()), 12);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("suppressions"), junkKey,
                    ("not avro " + junkKey).getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topics.name("suppressions"), junkKey, truncated)).get();
        }
        try (TopicReader deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("dead-letters"))) {
            deadLetters.awaitValues(junkKey, value -> Arrays.equals(value, truncated) ? "truncated"
                    : new String(value, StandardCharsets.UTF_8), values -> values.contains("not avro " + junkKey)
                    && values.contains("truncated"));
        }

        String after = "it-" + RUN + ":after-global-junk";
        assertThat(api().post(message(after, WITHOUT_CONSENT)).statusCode()).isEqualTo(202);
        awaitStatus(after, "SUPPRESSED");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAnInvalidRequestNamingEachField() throws Exception {
        HttpResponse<String> response = api().post("""
                {"requestId": "bad id!", "customerId": "c-1", "topic": "promotions",
                 "content": {"EMAIL": {"text": "hi"}},
                 "notBefore": "2026-11-27T07:00:00Z", "expiresAt": "2026-11-26T07:00:00Z"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode errors = JSON.readTree(response.body()).get("errors");
        assertThat(errors.findValuesAsString("field")).contains("requestId");
    }

    @Test
    void eachKindOfBadRequestGetsAProblemNamingItsField() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(WITH_CONSENT).has("contact-preferences"));
        Map<String, String> badRequests = Map.of(
                "topic", """
                        {"requestId": "r-1", "customerId": "c-1", "topic": "no-such-topic",
                         "content": {"EMAIL": {"subject": "s", "text": "hi"}}}""",
                "content", """
                        {"requestId": "r-1", "customerId": "c-1", "topic": "promotions", "channels": ["SMS"],
                         "content": {"EMAIL": {"subject": "s", "text": "hi"}}}""",
                "expiresAt", """
                        {"requestId": "r-1", "customerId": "c-1", "topic": "promotions",
                         "content": {"EMAIL": {"subject": "s", "text": "hi"}},
                         "notBefore": "2026-11-27T07:00:00Z", "expiresAt": "2026-11-27T07:00:00Z"}""",
                "customerId", """
                        {"requestId": "r-1", "customerId": "c 1/..", "topic": "promotions",
                         "content": {"EMAIL": {"subject": "s", "text": "hi"}}}""",
                "requestId", """
                        {"requestId": "", "customerId": "c-1", "topic": "promotions",
                         "content": {"EMAIL": {"subject": "s", "text": "hi"}}}""");
        for (Map.Entry<String, String> bad : badRequests.entrySet()) {
            HttpResponse<String> response = api().post(bad.getValue());
            assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("errors").findValuesAsString("field")).as(bad.getKey())
                    .contains(bad.getKey());
        }
    }

    @Test
    void operatorsGetHealthMetricsAndTheApiDescriptionWithoutAToken() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        api().post(message("it-" + RUN + ":metrics", WITHOUT_CONSENT));
        awaitStatus("it-" + RUN + ":metrics", "SUPPRESSED");

        String description = get("/v3/api-docs").body();
        assertThat(description).contains("/api/v1/messages/{requestId}");
        OpenApiDocument.assertMatchesCommitted(description, Path.of("openapi.json"), "mvn -B verify -pl services/dispatch"
                + " -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dit.test='DecisionFlowIT#operatorsGetHealthMetricsAndTheApiDescriptionWithoutAToken'");
        assertThat(get("/swagger-ui.html").statusCode()).isIn(200, 302);
        assertThat(get("/actuator/prometheus").body())
                .contains("kairos_dispatch_decisions_total{lane=\"ordinary\",outcome=\"SUPPRESS\",reason=\"NO_CONSENT\"")
                .contains("kairos_dispatch_decision_latency_seconds_count")
                .contains("kairos_dispatch_schedules_backlog")
                .contains("kairos_dispatch_digests_backlog");
        // Every consumer's lag, by client id: the hand-written ones (the senders' state replica, the SMS
        // submissions), the bindings' and the Streams applications' (a newly assigned partition's within a refresh).
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body().lines()
                        .filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag_max{")))
                .anyMatch(line -> line.contains("client_id=\"dispatch-senders-state\""))
                .anyMatch(line -> line.contains("client_id=\"dispatch-sms-submissions\""))
                .anyMatch(line -> line.contains(".senders-"))
                .anyMatch(line -> line.contains("StreamThread")));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiNeedsATokenWithTheRightScope() throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message("x-" + RUN, WITH_CONSENT)));

        assertThat(HTTP.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(HTTP.send(post.header("Authorization", "Bearer " + TestTokens.bearer("messages:read")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private JsonNode awaitStatus(String requestId, String expected) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(String.valueOf(api().status(requestId)))
                .as("status of %s", requestId).contains("\"status\":\"" + expected + "\""));
        return api().status(requestId);
    }

    private URI uri(String path) {
        return api().uri(path);
    }

    private static String message(String requestId, String customerId) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "promotions", "campaignId": "it",
                 "content": {"EMAIL": {"subject": "{{salutation}}, -30 %%", "text": "{{salutation}}, à bientôt. Préférences : {{preferencesUrl}}"}}}"""
                .formatted(requestId, customerId);
    }

    private static String email(String customerId) {
        return customerId + "@example.fr";
    }

    /** A French customer reachable by email only, as preferences publishes them. */
    static ContactPreferences preferences(String customerId) {
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customerId)
                .setVersion(1).setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                .setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).setGivenName("Camille")
                        .setFamilyName("Durand").build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(email(customerId)).build())
                .build();
    }
}
