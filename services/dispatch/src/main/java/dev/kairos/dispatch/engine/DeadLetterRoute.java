package dev.kairos.dispatch.engine;

import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the decision engine's dead letters go and what they say: the record as it arrived (or as it was to
 * be written), with its source topic, partition, offset, the stage that failed and the exception in
 * {@code kairos-dlq-*} headers. Letters from a task are written by Kafka Streams in the task's transaction;
 * letters from a global table (which has no transaction) are written straight by {@link #direct}.
 */
final class DeadLetterRoute {

    /** How a letter is written when Kafka Streams cannot write it itself (global tables). */
    @FunctionalInterface
    interface Sender {
        void send(ProducerRecord<byte[], byte[]> letter) throws Exception;
    }

    /** Where in Kafka Streams a record failed. */
    enum Stage { DESERIALIZATION, PROCESSING, PRODUCTION }

    /** Repartition topics are named after their source: their failures count against it. */
    private static final Map<String, String> REPARTITIONED = Map.of(
            "-" + DecisionTopology.REQUESTS_BY_CUSTOMER + "-repartition", "requests",
            "-" + DecisionTopology.OUTCOMES_BY_REQUEST + "-repartition", "outcomes");

    private final String topic;
    private final Map<String, String> logicalNames;
    private final Set<String> globalTopics;
    private final Sender direct;
    private final MeterRegistry meters;

    DeadLetterRoute(TopicsProperties topics, Sender direct, MeterRegistry meters) {
        this.topic = topics.name("dead-letters");
        Map<String, String> names = new HashMap<>();
        topics.getCatalogue().forEach((logical, definition) -> names.put(topics.name(logical), logical));
        this.logicalNames = Map.copyOf(names);
        this.globalTopics = DecisionTopology.GLOBAL_SOURCES.stream().map(topics::name).collect(Collectors.toUnmodifiableSet());
        this.direct = direct;
        this.meters = meters;
    }

    boolean global(String sourceTopic) {
        return globalTopics.contains(sourceTopic);
    }

    void sendDirect(ProducerRecord<byte[], byte[]> letter) throws Exception {
        direct.send(letter);
    }

    /**
     * @param target the topic the record was to be written to, for a production failure; otherwise null
     */
    ProducerRecord<byte[], byte[]> letter(Stage stage, String sourceTopic, int partition, long offset, byte[] key,
                                          byte[] value, Exception cause, String target) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, key, value);
        letter.headers()
                .add("kairos-dlq-stage", utf8(stage.name()))
                .add("kairos-dlq-topic", utf8(String.valueOf(sourceTopic)))
                .add("kairos-dlq-partition", utf8(Integer.toString(partition)))
                .add("kairos-dlq-offset", utf8(Long.toString(offset)))
                .add("kairos-dlq-exception", utf8(cause.getClass().getName()))
                .add("kairos-dlq-message", utf8(String.valueOf(cause.getMessage())));
        if (target != null) {
            letter.headers().add("kairos-dlq-target", utf8(target));
        }
        meters.counter("kairos.dispatch.dead-letters", "source", logicalName(sourceTopic), "stage", stage.name())
                .increment();
        return letter;
    }

    /** The catalogue name of a topic (never a physical name that could vary per environment). */
    String logicalName(String physical) {
        if (physical == null) {
            return "none";
        }
        String logical = logicalNames.get(physical);
        if (logical != null) {
            return logical;
        }
        return REPARTITIONED.entrySet().stream().filter(e -> physical.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("internal");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
