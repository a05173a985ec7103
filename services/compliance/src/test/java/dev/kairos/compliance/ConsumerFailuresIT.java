package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.ConsumerFaults;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Compliance's five consumer bindings against a real broker and PostgreSQL: random bytes and truncated Avro on
 * every topic compliance reads end on its dead-letter topic with their cause, and the record after them is
 * applied; a database error is retried, then dead-lettered; readiness tells when a binding is stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsumerFailuresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance_consumers");
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BindingsLifecycleController bindings;

    Api api;
    Publisher publisher;

    @BeforeEach
    void clients() {
        api = new Api(port);
        publisher = new Publisher();
    }

    @AfterEach
    void close() {
        publisher.close();
        bindings.start("channelSignals-in-0");
    }

    @Test
    void hostileConsentSubmissionsAreDeadLetteredAndTheNextOneIsRecorded() {
        String customer = customer();
        double before = deadLettersCounted("consentSubmissions-in-0");
        byte[] valid = Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, customer + "@example.fr", null);

        assertDeadLetteredThenApplied("consent-submissions", customer, valid, () -> ledgerTypes(customer).contains("GRANTED"));

        assertThat(deadLettersCounted("consentSubmissions-in-0")).isEqualTo(before + 2);
        // Health's backlog group shows the dead letters, and that they grow (counts only).
        Api.Response backlog = api.get("/actuator/health/backlog");
        assertThat(backlog.body()).contains("\"deadLetters\"", "\"growing\":true", "\"consentSubmissions-in-0\"");
    }

    @Test
    void hostileContactPreferencesAreDeadLetteredAndTheNextSnapshotIsIndexed() {
        String customer = customer();
        byte[] valid = Records.contactPreferences(customer, 1, customer + "@example.fr", null, null);

        assertDeadLetteredThenApplied("contact-preferences", customer, valid, () -> jdbc.queryForObject(
                "SELECT count(*) FROM address_index_versions WHERE customer_id = ?", Long.class, customer) == 1);
    }

    @Test
    void hostileChannelSignalsAreDeadLetteredAndTheNextOneSuppresses() {
        String email = customer() + "@example.fr";
        String key = Records.HMAC.of(email);

        assertDeadLetteredThenApplied("channel-signals", key, Records.hardBounce(email), () -> suppressed(key));
    }

    /**
     * A flood of bad records does not hold back the opt-out behind it. Each bad record used to cost a re-fetch
     * that waited out the broker's fetch wait (500 ms): 100 of them delayed the bounce by about 50 s.
     */
    @Test
    void aFloodOfBadSignalsDoesNotHoldBackTheBounceBehindIt() {
        String email = customer() + "@example.fr";
        String key = Records.HMAC.of(email);
        String topic = topics.name("channel-signals");
        bindings.stop("channelSignals-in-0"); // so that the flood arrives as one batch, as a backlog does
        for (int i = 0; i < 100; i++) {
            publisher.send(topic, key, ConsumerFaults.randomBytes(key.hashCode() + i));
        }
        publisher.send(topic, key, Records.hardBounce(email));
        bindings.start("channelSignals-in-0");

        await().atMost(Duration.ofSeconds(15)).until(() -> suppressed(key));
        try (var deadLetters = new TopicReader(kafka(), topics.name("compliance-dead-letters"))) {
            assertThat(deadLetters.awaitAtLeast(key, 100)).hasSize(100);
        }
    }

    @Test
    void hostileCatalogueEntriesAreDeadLetteredAndTheNextOneIsKnown() {
        String topicId = "offers-" + UUID.randomUUID();
        byte[] valid = Records.catalogueEntry(topicId, topicId, TopicCategory.MARKETING);

        assertDeadLetteredThenApplied("topics", topicId, valid, () -> jdbc.queryForObject(
                "SELECT count(*) FROM topic_purposes WHERE topic_id = ?", Long.class, topicId) == 1);
    }

    @Test
    void hostileLedgerEntriesAreDeadLetteredAndTheNextPendingGrantIsSentItsConfirmation() {
        String customer = customer();
        assertDeadLetteredThenApplied("consent-ledger", customer, ledgerEntry(), () -> {
            Api.Response granted = api.post("/api/v1/consents",
                    ConsentJson.grant(customer, "EMAIL", customer + "@example.com", "OPT_IN", "WEB_FORM", true),
                    "consents:write");
            assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        }, () -> jdbc.queryForObject("SELECT count(*) FROM confirmation_requests WHERE customer_id = ?", Long.class,
                customer) == 1);
    }

    @Test
    void aSignalTheDatabaseRefusesTwiceIsAppliedAtTheThirdAttempt() {
        String phone = "+3367" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
        String eventId = UUID.randomUUID().toString();
        ConsumerFaults.failApplying(jdbc, eventId, 2);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(eventId, phone, "STOP"));

        await().atMost(PATIENCE).until(() -> suppressed(Records.HMAC.of(phone)));
        assertThat(ConsumerFaults.attempts(jdbc, eventId)).isEqualTo(3);
    }

    @Test
    void aSubmissionTheDatabaseKeepsRefusingIsDeadLetteredAfterItsAttemptsAndTheNextOneIsRecorded() {
        String customer = customer();
        byte[] refused = Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, customer + "@example.fr", null);
        String eventId = KairosSerdes.consentSubmitted().decode(refused).getEventId();
        ConsumerFaults.failApplying(jdbc, eventId, Integer.MAX_VALUE);

        publisher.send(topics.name("consent-submissions"), customer, refused);

        try (var deadLetters = new TopicReader(kafka(), topics.name("compliance-dead-letters"))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitAtLeast(customer, 1).get(0);
            assertThat(letter.value()).isEqualTo(refused);
            assertThat(ConsumerFaults.header(letter, "kafka_dlt-original-consumer-group")).isEqualTo("compliance.consent-submissions");
            assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-message")).contains("database refused event " + eventId);
        }
        assertThat(ConsumerFaults.attempts(jdbc, eventId)).isEqualTo(3);
        assertThat(ledgerTypes(customer)).isEmpty();
        String next = customer();
        publisher.send(topics.name("consent-submissions"), next,
                Records.submission(next, ConsentAction.GRANT, Channel.EMAIL, next + "@example.fr", null));
        await().atMost(PATIENCE).until(() -> ledgerTypes(next).contains("GRANTED"));
    }

    @Test
    void readinessIsDownWhileABindingIsStopped() {
        await().atMost(PATIENCE).until(() -> api.get("/actuator/health/readiness").status() == 200);

        bindings.stop("channelSignals-in-0");

        Api.Response stopped = api.get("/actuator/health/readiness");
        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.body()).contains("\"channelSignals-in-0\":\"STOPPED\"", "\"consentSubmissions-in-0\":\"RUNNING\"");

        bindings.start("channelSignals-in-0");

        await().atMost(PATIENCE).until(() -> api.get("/actuator/health/readiness").status() == 200);
    }

    private void assertDeadLetteredThenApplied(String logical, String key, byte[] valid, Callable<Boolean> applied) {
        assertDeadLetteredThenApplied(logical, key, valid, () -> publisher.send(topics.name(logical), key, valid), applied);
    }

    /** Random bytes and {@code valid} cut in half, keyed {@code key}, then {@code next}: the first two are dead letters. */
    private void assertDeadLetteredThenApplied(String logical, String key, byte[] valid, Runnable next,
                                               Callable<Boolean> applied) {
        String topic = topics.name(logical);
        byte[] random = ConsumerFaults.randomBytes(key.hashCode());
        publisher.send(topic, key, random);
        publisher.send(topic, key, ConsumerFaults.truncated(valid));
        next.run();

        try (var deadLetters = new TopicReader(kafka(), topics.name("compliance-dead-letters"))) {
            List<ConsumerRecord<String, byte[]>> letters = deadLetters.awaitAtLeast(key, 2);
            assertThat(letters).hasSize(2).allSatisfy(letter -> {
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-original-topic")).isEqualTo(topic);
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-fqcn"))
                        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-message")).contains("Cannot decode");
            });
            assertThat(letters.get(0).value()).isEqualTo(random);
        }
        await().atMost(PATIENCE).until(applied);
    }

    /** A ledger entry as compliance publishes it, to cut in half. */
    private byte[] ledgerEntry() {
        String customer = customer();
        Api.Response granted = api.post("/api/v1/consents",
                ConsentJson.grant(customer, "EMAIL", customer + "@example.com"), "consents:write");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        try (var ledger = new TopicReader(kafka(), topics.name("consent-ledger"))) {
            return ledger.awaitAtLeast(customer, 1).get(0).value();
        }
    }

    private boolean suppressed(String addressHmac) {
        return jdbc.queryForObject("SELECT count(*) FROM suppressions WHERE address_hmac = ?", Long.class, addressHmac) == 1;
    }

    private List<String> ledgerTypes(String customer) {
        return jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ? ORDER BY sequence", String.class,
                customer);
    }

    private double deadLettersCounted(String binding) {
        return api.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("kairos_consumers_dead_letters_total{") && line.contains(binding))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
