package dev.kairos.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.TestInfrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The hand-written clients' meters against a real broker: what an operator reads on /actuator/prometheus. */
class KafkaClientFactoryIT {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final KafkaClientFactory factory = new KafkaClientFactory(meters, Duration.ofMillis(200),
            KafkaTraceHeaders.NONE);
    private final String servers = TestInfrastructure.kafka().bootstrapServers();

    @Test
    void aConsumersLagIsOnTheRegistryByClientIdUntilItIsClosed() throws Exception {
        String topic = "client-meters-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (Producer<String, byte[]> producer = factory.producer(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.CLIENT_ID_CONFIG, "meters-it-producer",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "k", new byte[] {(byte) i})).get();
            }
            assertThat(meters.get("kafka.producer.record.send.total").tag("client.id", "meters-it-producer")
                    .functionCounter().count()).isEqualTo(5);
        }

        Consumer<String, byte[]> consumer = factory.consumer(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.CLIENT_ID_CONFIG, "meters-it-consumer",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        // One record read of the five fetched: four are behind.
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.poll(Duration.ofMillis(100)).count() == 1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lag(topic)).isEqualTo(4.0));
        assertThat(meters.get("kafka.consumer.fetch.manager.records.lag.max").tag("client.id", "meters-it-consumer")
                .gauge().value()).isEqualTo(4.0);

        consumer.close();
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag").tag("client.id", "meters-it-consumer")
                .gauges()).isEmpty();
    }

    private double lag(String topic) {
        Gauge gauge = meters.find("kafka.consumer.fetch.manager.records.lag")
                .tags("client.id", "meters-it-consumer", "topic", topic, "partition", "0").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}
