package dev.kairos.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning with a plain read-committed consumer, as any other service or
 * outside client would, so tests assert on what was really published.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "isolation.level", "read_committed",
                "enable.auto.commit", false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits (30 s at most) until {@code count} records with {@code key} arrived; returns all of them in order. */
    public List<ConsumerRecord<String, byte[]>> awaitAtLeast(String key, int count) {
        return awaitRecords(key, records -> records.size() >= count);
    }

    /**
     * Waits (30 s at most) until the values read under {@code key}, decoded and in order, satisfy
     * {@code condition}; returns them.
     */
    public <T> List<T> awaitValues(String key, Function<byte[], T> decode, Predicate<List<T>> condition) {
        return awaitRecords(key, records -> condition.test(decoded(records, decode))).stream()
                .map(r -> decode.apply(r.value())).toList();
    }

    /** Waits (30 s at most) until a record with {@code key} {@code matches}; returns the first that does. */
    public ConsumerRecord<String, byte[]> awaitRecord(String key, Predicate<ConsumerRecord<String, byte[]>> matches) {
        return awaitRecords(key, records -> records.stream().anyMatch(matches)).stream().filter(matches).findFirst()
                .orElseThrow();
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String key,
                                                              Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            List<ConsumerRecord<String, byte[]>> withKey = seen.stream().filter(r -> key.equals(r.key())).toList();
            if (done.test(withKey)) {
                return withKey;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Within " + PATIENCE.toSeconds() + " s, the records with key " + key
                        + " never met the expectation; " + withKey.size() + " arrived");
            }
        }
    }

    private static <T> List<T> decoded(List<ConsumerRecord<String, byte[]>> records, Function<byte[], T> decode) {
        return records.stream().map(r -> decode.apply(r.value())).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ZERO);
    }
}
