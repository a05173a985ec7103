package dev.kairos.dispatch;

import dev.kairos.platform.testing.KafkaCluster;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records that become visible on one topic to a read-committed consumer (what a downstream reader can
 * see: after the writing transaction committed), from the topic's end at the moment it is created, and how long
 * after their record timestamp each became visible. Kafka Streams gives a record it writes its input's timestamp,
 * so on a topology's output this is the time from the input's production to its output's commit, queueing
 * included. Also counts arrivals per second, for the chart.
 */
final class Arrivals implements AutoCloseable {

    private static final int MAX_SECONDS = 3_600;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final long[] latencies;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLongArray perSecond = new AtomicLongArray(MAX_SECONDS);
    private volatile long startMillis;
    private volatile boolean closing;

    Arrivals(KafkaCluster kafka, String topic, int expected) {
        this.latencies = new long[expected];
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "max.poll.records", 5_000,
                "key.deserializer", ByteArrayDeserializer.class, "value.deserializer", ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.startMillis = System.currentTimeMillis();
        this.reader = new Thread(this::read, "bench-arrivals-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    /** Counts per second from now on (what was counted before stays counted). */
    void restartClock() {
        startMillis = System.currentTimeMillis();
    }

    private void read() {
        while (!closing) {
            var records = consumer.poll(Duration.ofMillis(100));
            long now = System.currentTimeMillis();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                long n = count.get();
                if (n < latencies.length) {
                    latencies[(int) n] = now - record.timestamp();
                }
                count.incrementAndGet();
            }
            if (!records.isEmpty()) {
                perSecond.addAndGet((int) Math.min(MAX_SECONDS - 1, (now - startMillis) / 1000), records.count());
            }
        }
        consumer.close();
    }

    long count() {
        return count.get();
    }

    /** The arrivals of each second since the clock started, up to the last second that had any. */
    long[] perSecond() {
        int last = 0;
        for (int i = 0; i < MAX_SECONDS; i++) {
            if (perSecond.get(i) > 0) {
                last = i;
            }
        }
        long[] seconds = new long[last + 1];
        for (int i = 0; i <= last; i++) {
            seconds[i] = perSecond.get(i);
        }
        return seconds;
    }

    /** The latency at this quantile (0.5, 0.99) over the records counted, in milliseconds. */
    long quantile(double q) {
        int n = (int) Math.min(count.get(), latencies.length);
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(q * n) - 1)];
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        reader.join(5_000);
    }
}
