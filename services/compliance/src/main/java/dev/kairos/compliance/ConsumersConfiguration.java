package dev.kairos.compliance;

import dev.kairos.compliance.submissions.SubmissionRejected;
import dev.kairos.platform.topics.TopicsProperties;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What the listeners do with a record whose effect fails: try again a few times (a database hiccup passes),
 * then move it, as received, to the dead-letter topic and go on with the partition. The offset is committed
 * only once the record is applied or dead-lettered, so no record is lost; when even the dead-letter topic
 * cannot take it, the record is delivered again.
 */
@Configuration(proxyBeanMethods = false)
class ConsumersConfiguration {

    @Bean
    CommonErrorHandler retryThenDeadLetter(KafkaOperations<?, ?> kafka, TopicsProperties topics,
            @Value("${kairos.consumers.attempts:5}") int attempts,
            @Value("${kairos.consumers.backoff:1s}") Duration backoff) {
        String deadLetters = topics.name("compliance-dead-letters");
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(deadLetters, -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(backoff.toMillis(), Math.max(0, attempts - 1)));
        // Bytes that cannot be decoded will not decode on the next attempt either, nor will a submission the
        // consent rules refuse pass them then: both go to the dead-letter topic at once, with their cause.
        handler.addNotRetryableExceptions(SerializationException.class, SubmissionRejected.class);
        return handler;
    }
}
