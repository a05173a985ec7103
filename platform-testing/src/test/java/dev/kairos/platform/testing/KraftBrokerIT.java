package dev.kairos.platform.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KraftBrokerIT {

    private static final String TOPIC = "kraft-broker-it";

    @TempDir
    Path workDir;

    @Test
    void keepsAcknowledgedRecordsAcrossSigkillAndRestart() throws Exception {
        long startedAt = System.nanoTime();
        try (KraftBroker broker = KraftBroker.start(workDir)) {
            System.out.printf("broker start took %d ms%n", millisSince(startedAt));
            int port = broker.port();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "before-crash")).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker, 1)).containsExactly("before-crash");

            long pid = broker.pid();
            broker.kill();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(broker.isRunning()).isFalse();
            try (KafkaProducer<String, String> producer = producer(broker)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "while-down")).get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
            }

            long restartedAt = System.nanoTime();
            broker.restart();
            System.out.printf("broker restart after SIGKILL took %d ms%n", millisSince(restartedAt));
            assertThat(broker.port()).isEqualTo(port);
            assertThat(broker.pid()).isNotEqualTo(pid);
            assertThat(readAll(broker, 1)).containsExactly("before-crash");
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "after-restart")).get(30, TimeUnit.SECONDS);
            }
            assertThat(readAll(broker, 2)).containsExactly("before-crash", "after-restart");

            long stoppingAt = System.nanoTime();
            broker.stop();
            System.out.printf("broker stop (SIGTERM) took %d ms%n", millisSince(stoppingAt));
            assertThat(ProcessSupport.accepts(port)).isFalse();
        }
    }

    /** A producer that gives up quickly when the broker is gone, so the failure shows within the test's bounds. */
    private static KafkaProducer<String, String> producer(KraftBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new StringSerializer());
    }

    /** The values of the topic from its beginning, once at least {@code expected} are there. */
    private static List<String> readAll(KraftBroker broker, int expected) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
