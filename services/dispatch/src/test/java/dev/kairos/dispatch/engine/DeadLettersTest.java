package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three handlers Kafka Streams calls when a record still fails: each writes a letter with the cause and
 * lets the engine go on. The topology test proves the task path end to end; this one pins what the test
 * driver cannot reach (global tables, processing and production failures).
 */
class DeadLettersTest {

    private static final byte[] KEY = "c-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<ProducerRecord<byte[], byte[]>> direct = new CopyOnWriteArrayList<>();
    private boolean directFails;
    private final DeadLetters handlers = new DeadLetters();

    /** What Kafka Streams tells a handler about the record being processed. */
    record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                   long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    @BeforeEach
    void route() {
        TopicsProperties topics = new TopicsProperties();
        for (String logical : List.of("requests", "suppressions", "topics", "templates", "send-email", "dead-letters")) {
            TopicsProperties.Definition definition = new TopicsProperties.Definition();
            definition.setName("kairos." + logical + ".v1");
            topics.getCatalogue().put(logical, definition);
        }
        Properties settings = new Properties();
        DeadLetters.install(settings, new DeadLetterRoute(topics, letter -> {
            if (directFails) {
                throw new TimeoutException("broker away");
            }
            direct.add(letter);
        }, meters));
        @SuppressWarnings("unchecked")
        Map<String, ?> configs = (Map<String, ?>) (Map<?, ?>) settings;
        handlers.configure(configs);
    }

    @Test
    void anUndecodableTaskRecordBecomesALetterStreamsWritesInTheTransaction() {
        var response = handlers.handleError(context("kairos.requests.v1", null, null),
                new ConsumerRecord<>("kairos.requests.v1", 2, 41L, KEY, VALUE), new SerializationException("bad magic"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.topic()).isEqualTo("kairos.dead-letters.v1");
        assertThat(letter.value()).isEqualTo(VALUE);
        assertThat(header(letter, "kairos-dlq-topic")).isEqualTo("kairos.requests.v1");
        assertThat(header(letter, "kairos-dlq-partition")).isEqualTo("2");
        assertThat(header(letter, "kairos-dlq-offset")).isEqualTo("41");
        assertThat(header(letter, "kairos-dlq-exception")).isEqualTo(SerializationException.class.getName());
        assertThat(header(letter, "kairos-dlq-message")).isEqualTo("bad magic");
        assertThat(direct).isEmpty();
        assertThat(meters.counter("kairos.dispatch.dead-letters", "source", "requests", "stage", "DESERIALIZATION")
                .count()).isEqualTo(1);
    }

    @Test
    void anUndecodableGlobalTableRecordIsWrittenStraightAndFailsOnlyWhenTheLetterCannotBe() {
        var response = handlers.handleError(context("kairos.suppressions.v1", null, null),
                new ConsumerRecord<>("kairos.suppressions.v1", 0, 7L, KEY, VALUE), new SerializationException("bad"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(direct).singleElement().satisfies(letter ->
                assertThat(header(letter, "kairos-dlq-topic")).isEqualTo("kairos.suppressions.v1"));

        directFails = true;
        assertThat(handlers.handleError(context("kairos.topics.v1", null, null),
                new ConsumerRecord<>("kairos.topics.v1", 0, 8L, KEY, VALUE), new SerializationException("bad"))
                .result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void aProcessingFailureSendsTheSourceRecordAsItArrived() {
        var response = handlers.handleError(context("kairos.requests.v1", KEY, VALUE),
                new Record<>("c-1", "decoded", 0L), new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(VALUE);
        assertThat(header(letter, "kairos-dlq-stage")).isEqualTo("PROCESSING");
        assertThat(header(letter, "kairos-dlq-exception")).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aFailingStateStoreFailsTheTaskInsteadOfSkippingTheRecord() {
        var response = handlers.handleError(context("kairos.requests.v1", KEY, VALUE),
                new Record<>("c-1", "decoded", 0L), new ProcessorStateException("disk full"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void aRecordTheProducerRefusesIsALetterWithoutItsValueAndATransientErrorIsRetried() {
        ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("kairos.send-email.v1", KEY, new byte[2_000_000]);
        var response = handlers.handleError(context("kairos.requests.v1", KEY, VALUE), refused,
                new RecordTooLargeException("too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
        assertThat(letter.value()).isNull();
        assertThat(header(letter, "kairos-dlq-target")).isEqualTo("kairos.send-email.v1");
        assertThat(header(letter, "kairos-dlq-stage")).isEqualTo("PRODUCTION");
        assertThat(handlers.handleError(context("kairos.requests.v1", KEY, VALUE), refused,
                new TimeoutException("later")).result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    private static Context context(String topic, byte[] rawKey, byte[] rawValue) {
        return new Context(topic, 0, 5L, new RecordHeaders(), "node", new TaskId(0, 0), 0L, rawKey, rawValue);
    }

    private static String header(ProducerRecord<byte[], byte[]> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
