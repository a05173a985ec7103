package dev.kairos.dispatch;

import dev.kairos.platform.testing.KafkaCluster;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The yardstick of the decision bench: a Kafka Streams application that reads each record of a topic and writes it
 * unchanged to another, exactly once, with as many threads and the same commit interval as the decision engine.
 * What Kafka itself moves on this machine and broker, with nothing decided.
 */
final class PassThrough implements AutoCloseable {

    private final KafkaStreams streams;
    final String input;
    final String output;

    PassThrough(KafkaCluster kafka, String run, int partitions, int threads, long commitIntervalMs) throws Exception {
        this.input = "bench.pass-through-in." + run;
        this.output = "bench.pass-through-out." + run;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(input, partitions, (short) 1),
                    new NewTopic(output, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the pass-through topics", e.getCause());
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench.pass-through." + run);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("kairos-bench-pass-through").toString());
        settings.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        this.streams = new KafkaStreams(builder.build(), settings);
        streams.start();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
