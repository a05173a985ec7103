package dev.kairos.dispatch.engine;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What still fails in the decision engine goes to the dead-letter topic and the engine goes on (ADR 0016):
 * a record that cannot be decoded, on any topic the topology reads; an exception a processor did not turn
 * into an outcome itself; a record the producer refuses. A request the engine can decode ends as
 * {@code MessageRejected} instead (see {@link DecideProcessor}); a dead letter is what has no request to end.
 * Only when even the dead-letter topic cannot take a letter from a global table does the engine fail rather
 * than lose it.
 */
public class DeadLetters implements DeserializationExceptionHandler, ProcessingExceptionHandler,
        ProductionExceptionHandler {

    /** Streams setting holding the {@link DeadLetterRoute}. */
    static final String ROUTE_CONFIG = "kairos.dead-letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetterRoute route;

    /** Makes Kafka Streams send what fails to the route's dead-letter topic. */
    static void install(Properties settings, DeadLetterRoute route) {
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
        settings.put(ROUTE_CONFIG, route);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        route = (DeadLetterRoute) configs.get(ROUTE_CONFIG);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record,
                                                                Exception exception) {
        ProducerRecord<byte[], byte[]> letter = route.letter(DeadLetterRoute.Stage.DESERIALIZATION, record.topic(),
                record.partition(), record.offset(), record.key(), record.value(), exception, null);
        logged(DeadLetterRoute.Stage.DESERIALIZATION, record.topic(), record.partition(), record.offset(), exception);
        if (!route.global(record.topic())) {
            return DeserializationExceptionHandler.Response.resume(List.of(letter));
        }
        // A global table's thread has no record collector of its own: the letter is written here.
        try {
            route.sendDirect(letter);
            return DeserializationExceptionHandler.Response.resume();
        } catch (Exception e) {
            log.error("Could not move an undecodable record at {}-{}@{} to the dead-letter topic", record.topic(),
                    record.partition(), record.offset(), e);
            return DeserializationExceptionHandler.Response.fail();
        }
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        if (exception instanceof StreamsException) {
            // A state store or the task failing says nothing about the record: skipping it would lose it.
            log.error("Processing the record at {}-{}@{} failed in Kafka Streams itself", context.topic(),
                    context.partition(), context.offset(), exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        logged(DeadLetterRoute.Stage.PROCESSING, context.topic(), context.partition(), context.offset(), exception);
        return ProcessingExceptionHandler.Response.resume(List.of(route.letter(DeadLetterRoute.Stage.PROCESSING,
                context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), exception, null)));
    }

    @Override
    public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                           ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandler.Response.retry();
        }
        logged(DeadLetterRoute.Stage.PRODUCTION, context.topic(), context.partition(), context.offset(), exception);
        // A record too large for its topic is too large for the dead-letter topic too: the headers say what it was.
        byte[] value = exception instanceof RecordTooLargeException ? null : record.value();
        return ProductionExceptionHandler.Response.resume(List.of(route.letter(DeadLetterRoute.Stage.PRODUCTION,
                context.topic(), context.partition(), context.offset(), record.key(), value, exception,
                record.topic())));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context,
                                                                        ProducerRecord record, Exception exception,
                                                                        SerializationExceptionOrigin origin) {
        logged(DeadLetterRoute.Stage.PRODUCTION, context.topic(), context.partition(), context.offset(), exception);
        // Nothing was serialised: the source record's bytes say what was being processed.
        return ProductionExceptionHandler.Response.resume(List.of(route.letter(DeadLetterRoute.Stage.PRODUCTION,
                context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), exception, record.topic())));
    }

    /** Where and what, never the record: it may carry personal data. */
    private static void logged(DeadLetterRoute.Stage stage, String topic, int partition, long offset, Exception e) {
        log.warn("{} failed for the record at {}-{}@{} ({}); moved to the dead-letter topic", stage, topic, partition,
                offset, e.getClass().getName());
    }
}
