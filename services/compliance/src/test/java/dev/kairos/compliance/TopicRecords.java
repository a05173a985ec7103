package dev.kairos.compliance;

import org.awaitility.Awaitility;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.proto.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning with a plain consumer, as any other service would. */
final class TopicRecords<T extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<T> serde;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    TopicRecords(String topic, AvroSerde<T> serde) {
        this.serde = serde;
        this.consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "isolation.level", "read_committed",
                "enable.auto.commit", false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until the values read so far under {@code key}, in order, satisfy {@code condition}; returns them. */
    List<T> awaitValues(String key, Predicate<List<T>> condition) {
        List<List<T>> result = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r ->
                    seen.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), serde.decode(r.value()))));
            List<T> values = seen.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
            if (condition.test(values)) {
                result.add(values);
                return true;
            }
            return false;
        });
        return result.get(0);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
