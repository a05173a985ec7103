package dev.kairos.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.ConsumerFaults;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.serde.KairosSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The erasure binding against a real broker and PostgreSQL: what it cannot decode goes to preferences'
 * dead-letter topic with its cause and the erasures after it are applied; a database error is retried, then
 * dead-lettered; readiness tells when the binding is stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureConsumerIT {

    private static final String BINDING = "erasures-in-0";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "preferences_erasures");
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BindingsLifecycleController bindings;

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            "bootstrap.servers", kafka(), "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        producer.close();
        bindings.start(BINDING);
    }

    @Test
    void undecodableErasuresAreDeadLetteredWithTheirCauseAndTheErasureAfterThemIsApplied() throws Exception {
        String customer = customer();
        String earlier = customer();
        send(earlier, erasure(earlier, UUID.randomUUID().toString()));
        assertTombstoned(earlier);
        double before = deadLettersCounted();

        send(customer, ConsumerFaults.randomBytes(11));
        send(customer, ConsumerFaults.truncated(erasure(customer, UUID.randomUUID().toString())));
        send(customer, erasure(customer, UUID.randomUUID().toString()));

        assertTombstoned(customer);
        try (TopicReader deadLetters = new TopicReader(kafka(), topics.name("preferences-dead-letters"))) {
            List<ConsumerRecord<String, byte[]>> letters = deadLetters.awaitAtLeast(customer, 2);
            assertThat(letters).hasSize(2).allSatisfy(letter -> {
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-original-topic")).isEqualTo(topics.name("erasures"));
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-original-consumer-group")).isEqualTo("preferences.erasures");
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-fqcn"))
                        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
                assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-message")).contains("Cannot decode");
                // Not retried: its two retries alone would wait 1 s then 2 s.
                assertThat(ConsumerFaults.deadLetteredAfter(letter)).isLessThan(Duration.ofMillis(2500));
            });
            assertThat(letters.get(0).value()).isEqualTo(ConsumerFaults.randomBytes(11));
        }
        assertThat(deadLettersCounted()).isEqualTo(before + 2);
    }

    @Test
    void anErasureTheDatabaseRefusesTwiceIsAppliedAtTheThirdAttempt() {
        String customer = customer();
        String eventId = UUID.randomUUID().toString();
        ConsumerFaults.failApplying(jdbc, eventId, 2);

        send(customer, erasure(customer, eventId));

        assertTombstoned(customer);
        assertThat(ConsumerFaults.attempts(jdbc, eventId)).isEqualTo(3);
    }

    @Test
    void anErasureTheDatabaseKeepsRefusingIsDeadLetteredAfterItsAttemptsAndTheNextOneIsApplied() {
        String customer = customer();
        String eventId = UUID.randomUUID().toString();
        ConsumerFaults.failApplying(jdbc, eventId, Integer.MAX_VALUE);
        byte[] refused = erasure(customer, eventId);

        send(customer, refused);

        try (TopicReader deadLetters = new TopicReader(kafka(), topics.name("preferences-dead-letters"))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitAtLeast(customer, 1).get(0);
            assertThat(letter.value()).isEqualTo(refused);
            assertThat(ConsumerFaults.header(letter, "kafka_dlt-exception-message")).contains("database refused event " + eventId);
        }
        assertThat(ConsumerFaults.attempts(jdbc, eventId)).isEqualTo(3);
        String next = customer();
        send(next, erasure(next, UUID.randomUUID().toString()));
        assertTombstoned(next);
    }

    @Test
    void readinessIsDownWhileTheErasureBindingIsStopped() {
        assertThat(readiness().statusCode()).isEqualTo(200);

        bindings.stop(BINDING);

        HttpResponse<String> stopped = readiness();
        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.body()).contains("\"consumerBindings\"", "\"" + BINDING + "\":\"STOPPED\"");

        bindings.start(BINDING);

        await().atMost(Duration.ofSeconds(10)).until(() -> readiness().statusCode() == 200);
    }

    @Test
    void theLagOfTheErasureBindingIsMeasured() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("spring_cloud_stream_binder_kafka_offset{group=\"preferences.erasures\",topic=\""
                        + topics.name("erasures") + "\"}")
                .contains("kafka_consumer_fetch_manager_records_lag_max{"));
    }

    private void assertTombstoned(String customer) {
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            assertThat(snapshots.awaitAtLeast(customer, 1).get(0).value()).isNull();
        }
    }

    private void send(String customer, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.name("erasures"), customer, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] erasure(String customer, String eventId) {
        return KairosSerdes.customerErased().encode(CustomerErased.newBuilder().setEventId(eventId)
                .setCustomerId(customer).setErasedAt(Instant.parse("2026-12-01T10:00:00Z")).build());
    }

    private HttpResponse<String> readiness() {
        return get("/actuator/health/readiness");
    }

    private double deadLettersCounted() {
        return get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("kairos_consumers_dead_letters_total{") && line.contains(BINDING))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String customer() {
        return "c-erased-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
