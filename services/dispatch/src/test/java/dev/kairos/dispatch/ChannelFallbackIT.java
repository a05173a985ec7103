package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.smsc.SmscSimulator;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A failed channel falls back to the customer's next channel (ADR 0048), end to end on a real broker: the SMTP relay
 * refuses the recipient for good, and the request then reaches the SMSC simulator over SMPP as a text, one request
 * with both outcomes in its status; a request with no other channel ends FAILED; and neither the fallback record
 * written again nor a forged one changes anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChannelFallbackIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHORT_CODE = "36112";
    private static final SmscSimulator SMSC = SmscSimulator.start(0, "kairos", "fb" + RUN.substring(0, 6), null);
    private static final RefusingSmtp SMTP = refusingSmtp();
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        registry.add("kairos.channels.mode", () -> "remote");
        registry.add("kairos.channels.sink-dir", () -> tempDir("sinks").toString());
        registry.add("kairos.email.smtp.host", () -> "127.0.0.1");
        registry.add("kairos.email.smtp.port", SMTP::port);
        registry.add("kairos.email.smtp.start-tls", () -> false);
        registry.add("kairos.channels.providers.smtp.initial-backoff", () -> "100ms");
        registry.add("kairos.channels.providers.smtp.max-backoff", () -> "200ms");
        registry.add("kairos.channels.providers.smtp.max-attempts", () -> 2);
        registry.add("kairos.sms.smpp.host", () -> "127.0.0.1");
        registry.add("kairos.sms.smpp.port", SMSC::port);
        registry.add("kairos.sms.smpp.password", () -> "fb" + RUN.substring(0, 6));
        registry.add("kairos.sms.smpp.source-address", () -> SHORT_CODE);
        registry.add("kairos.sms.smpp.reconnect-min", () -> "100ms");
        registry.add("kairos.sms.smpp.reconnect-max", () -> "1s");
        registry.add("kairos.dispatch.state-dir", () -> tempDir("state").toString());
        registry.add("kairos.dispatch.application-id", () -> "dispatch-fallback-it-" + RUN);
        PriorityLaneTopics.register(registry, RUN);
        for (String topic : List.of("requests", "outcomes", "send-email", "send-sms", "channel-signals", "sms-inbound",
                "sms-submissions")) {
            registry.add("kairos.topics.catalogue." + topic + ".name", () -> "fallback-it-" + RUN + "." + topic);
        }
    }

    @BeforeEach
    void bound() {
        await().atMost(PATIENCE).until(SMSC::hasReceiver);
    }

    @AfterAll
    static void stop() throws IOException {
        SMSC.close();
        SMTP.close();
    }

    @Test
    void aRefusedEmailFallsBackToTheCustomersPhoneAndTheRequestEndsSentOnSms() throws Exception {
        String customer = "c-fb-" + RUN + "-1";
        String requestId = "fb-" + RUN + "-parcel";
        publishCustomer(customer);

        assertThat(api().post(request(requestId, customer, "[\"EMAIL\", \"SMS\"]")).statusCode()).isEqualTo(202);

        await().atMost(PATIENCE).until(() -> !SMSC.deliveredTo(phone(customer)).isEmpty());
        assertThat(SMTP.refused()).anySatisfy(r -> assertThat(r).contains(email(customer)));
        assertThat(SMSC.deliveredTo(phone(customer))).singleElement()
                .satisfies(t -> assertThat(t.text()).isEqualTo("Votre colis P-42 arrive demain"));
        // SENT, or DELIVERED once the SMSC's receipt is in.
        JsonNode status = awaitStatus(requestId, "SENT", "DELIVERED");
        assertThat(status.get("channel").asText()).isEqualTo("SMS");
        assertThat(status.get("history").findValuesAsString("event"))
                .containsSubsequence("DeliveryFailed", "MessageSent");
        assertThat(status.get("channels").toString())
                .contains("{\"channel\":\"EMAIL\",\"status\":\"FAILED\"")
                .containsPattern("\\{\"channel\":\"SMS\",\"status\":\"(SENT|DELIVERED)\"");
        // Both outcomes on the outcomes topic, in order, for the campaign system and the webhooks.
        List<MessageOutcome> outcomes = outcomes(customer, 2).subList(0, 2);
        assertThat(outcomes).extracting(o -> o.getOutcome().getClass().getSimpleName())
                .containsExactly("DeliveryFailed", "MessageSent");
        assertThat(((DeliveryFailed) outcomes.get(0).getOutcome()).getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(((DeliveryFailed) outcomes.get(0).getOutcome()).getPermanent()).isTrue();
        assertThat(((MessageSent) outcomes.get(1).getOutcome()).getChannel()).isEqualTo(Channel.SMS);
        assertThat(meters.get("kairos.dispatch.fallbacks").tags("from", "EMAIL", "to", "SMS").counter().count())
                .isEqualTo(1.0);

        // The fallback record the channel end wrote, written to the inbox again as it was (seal included), and the
        // request id again with a forged seal: nothing is decided or sent again. A request behind them on the same
        // partition, on SMS only, shows when they have been decided.
        ConsumerRecord<String, byte[]> fallback;
        try (TopicReader inbox = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("priority-requests"))) {
            fallback = inbox.awaitRecord(customer, r -> r.headers().lastHeader(FallbackSeal.HEADER) != null);
        }
        SendMessage fallbackRequest = KairosSerdes.sendMessage().decode(fallback.value());
        assertThat(fallbackRequest.getChannels()).containsExactly(Channel.SMS);
        RecordHeaders forged = new RecordHeaders();
        forged.add(FallbackSeal.HEADER, new FallbackSeal("a-campaign-system-guessing-a-key".getBytes(StandardCharsets.US_ASCII))
                .seal(requestId, customer, "orders", "SMS", Instant.now(), List.of("SMS"))
                .getBytes(StandardCharsets.US_ASCII));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("priority-requests"), null, customer, fallback.value(),
                    fallback.headers())).get();
            producer.send(new ProducerRecord<>(topics.name("priority-requests"), null, customer, fallback.value(),
                    forged)).get();
            producer.send(new ProducerRecord<>(topics.name("requests"), null, customer, fallback.value(),
                    forged)).get();
        }
        String marker = "fb-" + RUN + "-marker";
        assertThat(api().post(request(marker, customer, "[\"SMS\"]")).statusCode()).isEqualTo(202);
        awaitStatus(marker, "SENT", "DELIVERED");
        await().atMost(PATIENCE).until(() -> SMSC.deliveredTo(phone(customer)).size() >= 2);
        assertThat(SMSC.deliveredTo(phone(customer))).as("the fallback once, then the marker").hasSize(2);
        assertThat(outcomes(customer, 2)).filteredOn(o -> o.getRequestId().equals(requestId))
                .extracting(o -> o.getOutcome().getClass().getSimpleName())
                .as("one failure, one send: nothing decided again").containsOnlyOnce("DeliveryFailed", "MessageSent")
                .doesNotContain("MessageSuppressed", "MessageRejected");
    }

    @Test
    void aRequestWithNoOtherChannelEndsFailed() throws Exception {
        String customer = "c-fb-" + RUN + "-2";
        String requestId = "fb-" + RUN + "-email-only";
        publishCustomer(customer);

        assertThat(api().post(request(requestId, customer, "[\"EMAIL\"]")).statusCode()).isEqualTo(202);

        JsonNode status = awaitStatus(requestId, "FAILED");
        assertThat(status.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(status.get("history").findValuesAsString("event")).containsExactly("DeliveryFailed");
        assertThat(SMSC.deliveredTo(phone(customer))).isEmpty();
    }

    @Test
    void aTextThatRendersLongerThanATextMayFailsAtItsChannelEndWithItsCauseAndTheSmscGetsNothing() throws Exception {
        String customer = "c-fb-" + RUN + "-3";
        String requestId = "fb-" + RUN + "-long-text";
        publishCustomer(customer);
        // Within the request rule (a short template, a variable of 1,700 characters), too long once rendered.
        String body = request(requestId, customer, "[\"SMS\"]").replace("\"P-42\"", "\"" + "x".repeat(1_700) + "\"");

        assertThat(api().post(body).statusCode()).isEqualTo(202);

        JsonNode status = awaitStatus(requestId, "FAILED");
        assertThat(status.get("channel").asText()).isEqualTo("SMS");
        DeliveryFailed failed = (DeliveryFailed) outcomes(customer, 1).get(0).getOutcome();
        assertThat(failed.getPermanent()).isTrue();
        assertThat(failed.getReason()).isEqualTo("the rendered text message is 1726 characters, over the 1600 a text may have");
        assertThat(meters.get("kairos.dispatch.render.failures").tags("channel", "SMS").counter().count()).isEqualTo(1.0);
        assertThat(SMSC.deliveredTo(phone(customer))).isEmpty();
    }

    private JsonNode awaitStatus(String requestId, String... wanted) throws Exception {
        await().atMost(PATIENCE).until(() -> {
            JsonNode status = api().status(requestId);
            return status != null && status.has("status") && List.of(wanted).contains(status.get("status").asText());
        });
        return api().status(requestId);
    }

    private List<MessageOutcome> outcomes(String customer, int count) {
        try (TopicReader reader = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("outcomes"))) {
            return reader.awaitValues(customer, KairosSerdes.messageOutcome()::decode, list -> list.size() >= count);
        }
    }

    /** Reachable by email and by text, both consented to, email first. */
    private void publishCustomer(String customer) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "orders", KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setTopicId("orders").setName("Orders").setCategory(TopicCategory.SERVICE)
                            .setPurpose("orders").setUrgent(true)
                            .setDefaultChannels(List.of(Channel.EMAIL, Channel.SMS)).setUpdatedAt(Instant.now())
                            .build())));
            producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                    KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                            .setEventId(UUID.randomUUID().toString()).setCustomerId(customer).setVersion(1)
                            .setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                            .setJurisdiction("FR")
                            .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).setGivenName("Camille")
                                    .setFamilyName("Durand").build())
                            .setChannelPriority(List.of(Channel.EMAIL, Channel.SMS))
                            .setContactPoints(ContactPoints.newBuilder().setEmail(email(customer))
                                    .setSms(phone(customer)).build())
                            .build())));
            producer.send(new ProducerRecord<>(topics.name("consents"), customer, KairosSerdes.consentState()
                    .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                            .setVersion(1).setUpdatedAt(Instant.now())
                            .setConsents(List.of(consent(Channel.EMAIL, email(customer), "entry-email-" + customer),
                                    consent(Channel.SMS, phone(customer), "entry-sms-" + customer)))
                            .build()))).get();
        }
        await().atMost(PATIENCE).until(() -> {
            JsonNode export = api().exportOf(customer);
            return export != null && export.has("consents") && export.has("contact-preferences");
        });
    }

    private static ChannelConsent consent(Channel channel, String address, String entryId) {
        return ChannelConsent.newBuilder().setChannel(channel).setPurpose("orders").setStatus(ConsentStatus.ACTIVE)
                .setBasis(LegalBasis.OPT_IN).setAddressHmac(HMAC.of(address)).setEntryId(entryId).build();
    }

    private DispatchApi api() {
        return new DispatchApi(port);
    }

    private static String request(String requestId, String customer, String channels) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "orders", "channels": %s,
                 "variables": {"parcel": "P-42"},
                 "content": {"EMAIL": {"subject": "Votre colis {{parcel}}", "text": "{{salutation}}, votre colis {{parcel}} arrive demain."},
                             "SMS": {"text": "Votre colis {{parcel}} arrive demain"}}}"""
                .formatted(requestId, customer, channels);
    }

    private static String email(String customer) {
        return customer + "@example.fr";
    }

    /** A French mobile number of the customer's own. */
    private static String phone(String customer) {
        return "+3361" + String.format("%07d", Math.abs(customer.hashCode()) % 10_000_000);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class));
    }

    private static RefusingSmtp refusingSmtp() {
        try {
            return new RefusingSmtp();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("kairos-fallback-it-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
