package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Scheduling, withdrawal, inbox validation and erasure through a real broker: a message scheduled for
 * later fires within a second of its instant; a consent withdrawn at compliance suppresses the sends
 * after it (the time it takes is printed); 20,000 messages due at the same instant each fire once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Closed after the class: an idle context left running would share the decision group with the next IT.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SchedulingIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
    private static final int CUSTOMERS = 1_000;
    private static final int DUE_TOGETHER = 20_000;

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    MeterRegistry meters;

    private KafkaProducer<String, byte[]> producer;

    private static final Path SINKS = tempDir();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        registry.add("kairos.channels.sink-dir", SINKS::toString);
        // Its own email queue: the 20,000 messages due together must not become a backlog in front of the
        // senders of the integration tests that run after this one.
        registry.add("kairos.topics.catalogue.send-email.name", () -> "dispatch.internal.send-email.scheduling-it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.priority-requests.name",
                () -> "dispatch.priority-requests.scheduling-it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.priority-send-email.name",
                () -> "dispatch.internal.priority-send-email.scheduling-it-" + RUN + ".v1");
        // Its own state: a state folder left by another run holds offsets this broker never had.
        registry.add("kairos.dispatch.state-dir", () -> SINKS.resolveSibling(SINKS.getFileName() + "-state").toString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("kairos-dispatch-scheduling-sinks");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void catalogue() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class,
                "linger.ms", 20));
        publish("topics", "promotions", KairosSerdes.topicCatalogueEntry().encode(topic("promotions", TopicCategory.MARKETING)));
        publish("topics", "notices", KairosSerdes.topicCatalogueEntry().encode(topic("notices", TopicCategory.SERVICE)));
        producer.flush();
    }

    @AfterAll
    void close() {
        producer.close();
    }

    @Test
    void aScheduledMessageFiresWithinASecondOfItsInstant() throws Exception {
        String customer = "c-sched-" + RUN;
        withPreferencesAndConsent(customer, ConsentStatus.ACTIVE);
        awaitReplica(customer);

        Instant notBefore = Instant.now().plusSeconds(3);
        String id = "sched-" + RUN;
        assertThat(api().post(message(id, customer, "promotions", notBefore)).statusCode()).isEqualTo(202);
        JsonNode scheduled = awaitStatus(id, "SCHEDULED");
        assertThat(Instant.parse(scheduled.get("scheduledFor").asText())).isEqualTo(notBefore.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        JsonNode sent = awaitStatus(id, "SENT");
        JsonNode last = sent.get("history").get(sent.get("history").size() - 1);
        Duration late = Duration.between(notBefore, Instant.parse(last.get("at").asText()));
        System.out.printf("[dispatch] scheduled message fired %d ms after its instant%n", late.toMillis());
        assertThat(late).isBetween(Duration.ZERO, Duration.ofSeconds(1));
    }

    @Test
    void aWithdrawalAtComplianceSuppressesTheSendsAfterIt() throws Exception {
        String customer = "c-withdraw-" + RUN;
        withPreferencesAndConsent(customer, ConsentStatus.ACTIVE);
        awaitReplica(customer);
        api().post(message("before-" + RUN, customer, "promotions", null));
        awaitStatus("before-" + RUN, "SENT");

        Instant withdrawn = Instant.now();
        publish("consents", customer, KairosSerdes.consentState().encode(consentState(customer, ConsentStatus.WITHDRAWN, 2)));
        producer.flush();
        // A new request every 50 ms: the first one suppressed for the withdrawal bounds how long it took.
        Duration latency = null;
        for (int i = 0; latency == null && i < 200; i++) {
            Instant postedAt = Instant.now();
            String id = "after-" + RUN + "-" + i;
            api().post(message(id, customer, "promotions", null));
            JsonNode status = awaitTerminal(id);
            if (status.get("status").asText().equals("SUPPRESSED")) {
                assertThat(status.get("reasons").get(0).asText()).isEqualTo("CONSENT_WITHDRAWN");
                latency = Duration.between(withdrawn, postedAt);
            }
        }
        System.out.printf("[dispatch] withdrawal honoured for requests posted %d ms after it was published%n",
                latency.toMillis());
        assertThat(latency).isLessThan(Duration.ofSeconds(2));
        // And every send after that one too.
        api().post(message("later-" + RUN, customer, "promotions", null));
        assertThat(awaitTerminal("later-" + RUN).get("status").asText()).isEqualTo("SUPPRESSED");
    }

    @Test
    void anInvalidInboxRecordIsRejectedAndTheRequestsBehindItAreDecided() throws Exception {
        String customer = "c-invalid-" + RUN;
        withPreferencesAndConsent(customer, ConsentStatus.ACTIVE);
        awaitReplica(customer);
        Instant now = Instant.now();
        SendMessage invalid = SendMessage.newBuilder(request("invalid-" + RUN, customer, "promotions", now.plusSeconds(60)))
                .setExpiresAt(now.plusSeconds(30)).setContent(Map.of()).build();
        publish("requests", customer, KairosSerdes.sendMessage().encode(invalid));
        publish("requests", customer, KairosSerdes.sendMessage().encode(request("valid-" + RUN, customer, "promotions", null)));
        producer.flush();

        JsonNode rejected = awaitStatus("invalid-" + RUN, "REJECTED");
        assertThat(rejected.get("reasons").get(0).asText()).isEqualTo("INVALID_REQUEST");
        try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("outcomes"))) {
            List<MessageOutcome> theirs = outcomes.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    values -> values.stream().anyMatch(o -> o.getOutcome() instanceof MessageRejected));
            MessageRejected rejection = theirs.stream().map(MessageOutcome::getOutcome)
                    .filter(MessageRejected.class::isInstance).map(MessageRejected.class::cast).findFirst().orElseThrow();
            assertThat(rejection.getDetail()).contains("expiresAt: must be after notBefore").contains("content:");
        }
        awaitStatus("valid-" + RUN, "SENT");
    }

    @Test
    void anErasureDeletesTheCustomersHistoryAndSchedules() throws Exception {
        String customer = "c-erase-" + RUN;
        withPreferencesAndConsent(customer, ConsentStatus.ACTIVE);
        awaitReplica(customer);
        api().post(message("erase-sent-" + RUN, customer, "promotions", null));
        awaitStatus("erase-sent-" + RUN, "SENT");
        api().post(message("erase-later-" + RUN, customer, "promotions", Instant.now().plus(Duration.ofDays(1))));
        awaitStatus("erase-later-" + RUN, "SCHEDULED");
        api().post(message("erase-notice-" + RUN, customer, "notices", null));
        awaitStatus("erase-notice-" + RUN, "SENT");
        JsonNode before = api().exportOf(customer);
        assertThat(before.get("send-history")).hasSize(1);
        // The SERVICE notice was decided by the priority lane, in stores of its own: the export lists them too.
        assertThat(before.get("priorityLane").get("send-history").get(0).get("topic").asText()).isEqualTo("notices");
        assertThat(before.get("schedules").get(0).get("request").get("requestId").asText())
                .isEqualTo("erase-later-" + RUN);

        publish("erasures", customer, KairosSerdes.customerErased().encode(CustomerErased.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setCustomerId(customer).setErasedAt(Instant.now()).build()));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode after = api().exportOf(customer);
            assertThat(after.has("send-history")).isFalse();
            assertThat(after.has("schedules")).isFalse();
            assertThat(after.path("priorityLane").has("send-history")).isFalse();
        });
        // The schedule it deleted ends: the campaign system no longer sees SCHEDULED for ever.
        JsonNode ended = awaitStatus("erase-later-" + RUN, "SUPPRESSED");
        assertThat(ended.get("reasons").get(0).asText()).isEqualTo("SUPPRESSED");
        try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("outcomes"))) {
            List<MessageOutcome> theirs = outcomes.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    values -> values.stream().anyMatch(o -> o.getRequestId().equals("erase-later-" + RUN)
                            && o.getOutcome() instanceof MessageSuppressed));
            MessageOutcome erased = theirs.stream().filter(o -> o.getRequestId().equals("erase-later-" + RUN)
                    && o.getOutcome() instanceof MessageSuppressed).findFirst().orElseThrow();
            assertThat(erased.toString()).doesNotContain(customer + "@example.fr").doesNotContain("Bonjour")
                    .doesNotContain("Texte");
        }
    }

    /** Last: its 20,000 sends keep the local channel ends busy for a while. */
    @Test
    @Order(Integer.MAX_VALUE)
    void twentyThousandMessagesDueAtTheSameInstantEachFireOnce() throws Exception {
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "c-bulk-" + RUN + "-" + c;
            publish("contact-preferences", customer, KairosSerdes.contactPreferences().encode(preferences(customer)));
        }
        producer.flush();
        awaitReplica("c-bulk-" + RUN + "-" + (CUSTOMERS - 1));

        double storedBefore = meters.get("kairos.dispatch.schedules.stored").tag("lane", "priority").counter().count();
        // Far enough ahead for a loaded CI machine to store all of them first (about 30 s on an idle laptop).
        // In milliseconds, as the records carry instants: a send decided in due's own millisecond is not early.
        Instant due = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < DUE_TOGETHER; i++) {
            String customer = "c-bulk-" + RUN + "-" + (i % CUSTOMERS);
            // A SERVICE topic: its requests go to the priority lane's inbox and send queue (ADR 0036).
            publish("priority-requests", customer, KairosSerdes.sendMessage().encode(
                    request("bulk-" + RUN + "-" + i, customer, "notices", due)));
        }
        producer.flush();
        // All of them must be waiting in the schedule store before their instant, or this tests nothing.
        await().atMost(Duration.between(Instant.now(), due)).until(() ->
                meters.get("kairos.dispatch.schedules.stored").tag("lane", "priority").counter().count() - storedBefore
                        >= DUE_TOGETHER);
        System.out.printf("[dispatch] %d messages scheduled %d s before their instant%n", DUE_TOGETHER,
                Duration.between(Instant.now(), due).toSeconds());

        Map<String, Integer> fired = new HashMap<>();
        Instant lastFired = null;
        try (KafkaConsumer<String, byte[]> queue = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "group.id", "scheduling-it-" + RUN, "auto.offset.reset", "earliest",
                "isolation.level", "read_committed",
                "key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class))) {
            queue.subscribe(List.of(topics.name("priority-send-email")));
            Instant deadline = due.plusSeconds(90);
            Instant quietUntil = null;
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : queue.poll(Duration.ofMillis(200))) {
                    SendApproved send = KairosSerdes.sendApproved().decode(record.value());
                    if (send.getRequestId().startsWith("bulk-" + RUN + "-")) {
                        fired.merge(send.getRequestId(), 1, Integer::sum);
                        lastFired = send.getDecidedAt();
                        assertThat(send.getDecidedAt()).isAfterOrEqualTo(due);
                    }
                }
                if (fired.size() == DUE_TOGETHER && quietUntil == null) {
                    quietUntil = Instant.now().plusSeconds(3); // listen a little longer for duplicates
                }
                if (quietUntil != null && Instant.now().isAfter(quietUntil)) {
                    break;
                }
            }
        }
        System.out.printf("[dispatch] %d messages due together: all fired %d ms after their instant%n",
                fired.size(), lastFired == null ? -1 : Duration.between(due, lastFired).toMillis());
        assertThat(fired).hasSize(DUE_TOGETHER);
        assertThat(fired.values()).allMatch(count -> count == 1);
    }

    // ---- helpers ----

    private void publish(String logicalTopic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.name(logicalTopic), key, value));
    }

    private void withPreferencesAndConsent(String customer, ConsentStatus status) {
        publish("contact-preferences", customer, KairosSerdes.contactPreferences().encode(preferences(customer)));
        publish("consents", customer, KairosSerdes.consentState().encode(consentState(customer, status, 1)));
        producer.flush();
    }

    private void awaitReplica(String customer) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(customer).has("contact-preferences"));
    }

    private static TopicCatalogueEntry topic(String id, TopicCategory category) {
        return TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(id).setName(id)
                .setCategory(category).setPurpose(id).setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(Instant.now()).build();
    }

    private static ContactPreferences preferences(String customer) {
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(1).setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                .setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(customer + "@example.fr").build())
                .build();
    }

    private static ConsentState consentState(String customer, ConsentStatus status, long version) {
        return ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(version).setUpdatedAt(Instant.now())
                .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL).setPurpose("promotions")
                        .setStatus(status).setBasis(LegalBasis.OPT_IN).setAddressHmac(HMAC.of(customer + "@example.fr"))
                        .setEntryId("entry-" + customer + "-" + version).build()))
                .build();
    }

    private static SendMessage request(String id, String customer, String topic, Instant notBefore) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId(customer).setTopic(topic)
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Bonjour").setText("Texte").build()))
                .setNotBefore(notBefore).build();
    }

    private static String message(String id, String customer, String topic, Instant notBefore) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "%s", %s
                 "content": {"EMAIL": {"subject": "Bonjour", "text": "Texte"}}}"""
                .formatted(id, customer, topic, notBefore == null ? "" : "\"notBefore\": \"" + notBefore + "\",");
    }

    private JsonNode awaitStatus(String requestId, String expected) throws IOException, InterruptedException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(String.valueOf(api().status(requestId))).as("status of %s", requestId)
                        .contains("\"status\":\"" + expected + "\""));
        return api().status(requestId);
    }

    private JsonNode awaitTerminal(String requestId) throws IOException, InterruptedException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode status = api().status(requestId);
            return status != null && List.of("SENT", "SUPPRESSED").contains(status.get("status").asText());
        });
        return api().status(requestId);
    }

    private DispatchApi api() {
        return new DispatchApi(port);
    }
}
