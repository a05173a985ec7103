package dev.kairos.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of every binding, done by the listener container rather than by the binder: a failed
 * record is tried again after the binding's backoff (the container seeks back to it, so a long backoff never
 * exceeds the poll interval), then published as received to the service's dead-letter topic with Spring Kafka's
 * {@code kafka_dlt-*} headers (original topic, partition, offset, group, exception class and message). Its
 * offset is committed only once it is applied or dead-lettered; when even the dead-letter topic cannot take it,
 * the record is delivered again rather than dropped (the binder's own dead-letter path logs and moves on).
 */
class DeadLetters implements ListenerContainerWithDlqAndRetryCustomizer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    static final String METRIC = "kairos.consumers.dead-letters";

    private final KafkaOperations<byte[], byte[]> producer;
    private final String topic;
    private final MeterRegistry meters;

    DeadLetters(KafkaOperations<byte[], byte[]> producer, String topic, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.meters = meters;
    }

    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        throw new UnsupportedOperationException("Bindings are configured with their properties");
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        // Partition -1: the producer's partitioner places the letter by its key, so one key's letters stay in order.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(producer,
                (record, exception) -> new TopicPartition(topic, -1));
        // The publisher reads the group off the container's wrapper exception, which cause() removes.
        publisher.setHeadersFunction((record, exception) -> new RecordHeaders().add(
                KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, group.getBytes(StandardCharsets.UTF_8)));
        Counter counted = Counter.builder(METRIC)
                .description("Records moved to the dead-letter topic after their attempts")
                .tag("binding", properties.getBindingName())
                .register(meters);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Exception cause = cause(exception);
            publisher.accept(record, cause);
            counted.increment();
            // Where and why, never the record: its key or value may be personal data, and so may the message.
            log.warn("Moved {}-{}@{} of binding {} to {}: {}", record.topic(), record.partition(), record.offset(),
                    properties.getBindingName(), topic, cause.getClass().getName());
        }, backOff != null ? backOff : new FixedBackOff(0L, 0L));
        // No seek after a failure: the records polled after the failed one are handed on from memory. With a
        // seek the consumer fetches them again, and that fetch waits behind the one already parked at the log
        // end for fetch.max.wait.ms (500 ms): a flood of bad records then drained at two a second per binding.
        handler.setSeekAfterError(false);
        if (!properties.isDefaultRetryable()) {
            handler.defaultFalse(true);
        }
        for (Map.Entry<Class<? extends Throwable>, Boolean> classified : properties.getRetryableExceptions().entrySet()) {
            Class<? extends Exception> exception = classified.getKey().asSubclass(Exception.class);
            if (classified.getValue()) {
                handler.addRetryableExceptions(exception);
            } else {
                handler.addNotRetryableExceptions(exception);
            }
        }
        container.setCommonErrorHandler(handler);
    }

    /**
     * What the function threw, without the container's and the binding's wrappers, so that the dead letter's
     * {@code kafka_dlt-exception-fqcn} and {@code -message} headers name the real cause.
     */
    static Exception cause(Exception exception) {
        Exception cause = exception;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof MessagingException)
                && cause.getCause() instanceof Exception wrapped) {
            cause = wrapped;
        }
        return cause;
    }
}
