package dev.kairos.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.events.AppliedEvents;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.testing.KraftBroker;
import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against a real PostgreSQL (with the real migration) and a real broker. */
class OutboxRelayIT {

    private static JdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static DriverManagerDataSource dataSource;

    @BeforeAll
    static void database() throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase("outbox");
        dataSource = new DriverManagerDataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (String migration : List.of("V0_1__outbox_and_applied_events.sql", "V0_2__outbox_quarantine.sql",
                "V0_3__outbox_trace_context.sql")) {
            jdbc.execute(new ClassPathResource("db/platform/" + migration).getContentAsString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void publishesCommittedEventsInOrderWithTombstonesAndNothingThatRolledBack() {
        String topic = createTopic("outbox-it-");
        OutboxRelay relay = relay();
        Outbox outbox = new Outbox(jdbc, relay);

        transactions.executeWithoutResult(tx -> {
            outbox.append(topic, "c-1", bytes("v1"), "e-1");
            outbox.append(topic, "c-1", bytes("v2"), "e-2");
        });
        transactions.executeWithoutResult(tx -> {
            outbox.append(topic, "c-1", bytes("rolled back"), "e-x");
            tx.setRollbackOnly();
        });
        transactions.executeWithoutResult(tx -> outbox.append(topic, "c-1", null, "e-3"));

        // The broker creates its transaction log for the first transactional producer: that may take a while.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> relay.relayOnce() == 3);
        assertThat(relay.pending()).isZero();
        List<ConsumerRecord<String, byte[]>> published = readAll(topic, 3);
        assertThat(published).extracting(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("v1", "v2", null);
        assertThat(published).extracting(r -> new String(r.headers().lastHeader("kairos-event-id").value(), StandardCharsets.UTF_8))
                .containsExactly("e-1", "e-2", "e-3");
        relay.stop();
    }

    @Test
    void aRowTooLargeForKafkaIsQuarantinedWithItsCauseAndTheRowBehindItIsPublished() {
        String topic = createTopic("outbox-quarantine-it-");
        OutboxRelay relay = relay(TestInfrastructure.kafka().bootstrapServers(), 10);
        Outbox outbox = new Outbox(jdbc, relay);
        String oversize = UUID.randomUUID().toString();
        String normal = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> outbox.append(topic, "c-1", new byte[2 * 1024 * 1024], oversize));
        transactions.executeWithoutResult(tx -> outbox.append(topic, "c-1", bytes("after"), normal));

        relay.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending() == 0);
        } finally {
            relay.stop();
        }

        List<ConsumerRecord<String, byte[]>> published = readAll(topic, 1);
        assertThat(published).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("after");
        Map<String, Object> quarantined = jdbc.queryForMap(
                "SELECT topic, message_key, length(payload) AS size, cause, attempts FROM outbox_quarantine WHERE event_id = ?",
                oversize);
        assertThat(quarantined).containsEntry("topic", topic).containsEntry("message_key", "c-1")
                .containsEntry("size", 2 * 1024 * 1024).containsEntry("attempts", 1);
        assertThat((String) quarantined.get("cause")).contains("RecordTooLargeException");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_quarantine WHERE event_id = ?", Long.class, normal))
                .isZero();
    }

    @Test
    void whileKafkaIsDownNothingIsQuarantinedAndTheOrderIsKept() throws Exception {
        try (KraftBroker broker = KraftBroker.start(Files.createTempDirectory("kairos-outbox-down-broker"))) {
            String topic = "outbox-down-it-" + UUID.randomUUID();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            // A row counts as failing on its own at the first attempt: only the broker probe can spare it.
            OutboxRelay relay = relay(broker.bootstrapServers(), 1);
            Outbox outbox = new Outbox(jdbc, relay);
            transactions.executeWithoutResult(tx -> outbox.append(topic, "c-1", bytes("v1"), "down-1"));
            // A fresh broker creates its transaction log on the first transactional producer: that may take a while.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> relay.relayOnce() == 1);

            broker.kill();
            // One row alone, with the producer already connected: it fails alone, and the probe tells why.
            transactions.executeWithoutResult(tx -> outbox.append(topic, "c-1", bytes("v2"), "down-2"));
            assertThatThrownBy(relay::relayOnce).isInstanceOf(RuntimeException.class);
            transactions.executeWithoutResult(tx -> outbox.append(topic, "c-2", bytes("v3"), "down-3"));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(relay::relayOnce).isInstanceOf(RuntimeException.class);
            }
            assertThat(jdbc.queryForObject(
                    "SELECT count(*) FROM outbox_quarantine WHERE event_id IN ('down-2', 'down-3')", Long.class)).isZero();

            broker.restart();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                relay.relayOnce();
                return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_id IN ('down-2', 'down-3')",
                        Long.class) == 0;
            });
            relay.stop();
            assertThat(readAll(broker.bootstrapServers(), topic, 3))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("v1", "v2", "v3");
        }
    }

    @Test
    void healthShowsTheBacklogAndAnOutboxStuckLongerThanTheThresholdIsOutOfService() {
        OutboxRelay relay = relay();
        OutboxHealthIndicator health = new OutboxHealthIndicator(relay, Duration.ofMinutes(5));
        Long id = jdbc.queryForObject("""
                INSERT INTO outbox (topic, message_key, payload, event_id, created_at)
                VALUES ('never-relayed', 'c-1', NULL, 'stuck-1', now() - interval '10 minutes') RETURNING id""", Long.class);
        try {
            Health stuck = health.health();
            assertThat(stuck.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(stuck.getDetails()).containsEntry("stuck", true).containsKeys("pending", "quarantined");
            assertThat(Duration.parse((String) stuck.getDetails().get("oldestPendingAge")))
                    .isGreaterThanOrEqualTo(Duration.ofMinutes(10));

            jdbc.update("UPDATE outbox SET created_at = now() WHERE id = ?", id);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            jdbc.update("DELETE FROM outbox WHERE id = ?", id);
        }
    }

    @Test
    void appendingOutsideATransactionIsRefusedAndStoresNothing() {
        Outbox outbox = new Outbox(jdbc, relay());
        String eventId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> outbox.append("t", "k", bytes("v"), eventId)).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE event_id = ?", Long.class, eventId)).isZero();
    }

    @Test
    void onlyTheInstanceHoldingTheRelayLockPublishes() throws Exception {
        String topic = createTopic("outbox-lock-it-");
        OutboxRelay relay = relay();
        transactions.executeWithoutResult(tx -> new Outbox(jdbc, relay).append(topic, "c-1", bytes("v"), "e-1"));

        try (Connection other = dataSource.getConnection()) {
            other.createStatement().execute("SELECT pg_advisory_lock(" + 0x6B6169726F73L + ")");
            assertThat(relay.relayOnce()).as("another instance holds the lock").isZero();
            assertThat(relay.pending()).isEqualTo(1);
            other.createStatement().execute("SELECT pg_advisory_unlock(" + 0x6B6169726F73L + ")");
        }
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(readAll(topic, 1)).hasSize(1);
        relay.stop();
    }

    @Test
    void anEventIsAppliedOncePerConsumer() {
        AppliedEvents applied = new AppliedEvents(jdbc);
        String event = UUID.randomUUID().toString();

        Boolean first = transactions.execute(tx -> applied.markApplied("dispatch", event));
        Boolean again = transactions.execute(tx -> applied.markApplied("dispatch", event));
        Boolean otherConsumer = transactions.execute(tx -> applied.markApplied("compliance", event));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();
    }

    private static String createTopic(String prefix) {
        String topic = prefix + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    private static OutboxRelay relay() {
        return relay(TestInfrastructure.kafka().bootstrapServers(), 10);
    }

    private static OutboxRelay relay(String servers, int maxAttempts) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(servers));
        KafkaClientSettings clients = new KafkaClientSettings(kafka);
        return new OutboxRelay(jdbc, transactions,
                () -> new KafkaProducer<>(clients.transactionalProducer("outbox-it")),
                new BrokerProbe(clients.admin(), Duration.ofSeconds(2)),
                new OutboxRelay.Tuning(100, Duration.ofMillis(100), Duration.ofMillis(10), maxAttempts),
                new SimpleMeterRegistry());
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        return readAll(TestInfrastructure.kafka().bootstrapServers(), topic, expected);
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String servers, String topic, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", servers, "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
