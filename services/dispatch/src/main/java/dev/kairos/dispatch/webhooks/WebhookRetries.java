package dev.kairos.dispatch.webhooks;

import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.ObjectMapper;

/**
 * Tries again the deliveries waiting on {@code dispatch.internal.webhook-retries.v1} (ADR 0050), on a thread of its
 * own, in a consumer group of its own. A record whose time has come is called: delivered, its offset is committed;
 * failed transiently, it is written again at the tail with its next time ({@link RetrySchedule}), or set aside on
 * the dead letters once its retry period is over; refused for good, it is set aside at once. Each of those writes
 * is in the transaction that commits the record's offset, so a retry is never lost nor doubled.
 *
 * <p>A record not yet due either waits at the head of its partition, which is paused (and the consumer read back
 * to it) until then, while the other partitions go on; or, when a record behind it in the same poll is due
 * sooner, it is written again at the tail unchanged, so the one behind it is not held: an endpoint's long waits
 * never hold another endpoint's short ones that share its partition.
 */
public final class WebhookRetries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookRetries.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(500);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Supplier<Producer<String, byte[]>> producers;
    private final String retriesTopic;
    private final String deadLettersTopic;
    private final Map<String, WebhookSender> senders;
    private final RetrySchedule schedule;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<TopicPartition, Instant> paused = new HashMap<>();
    private volatile boolean running;
    private Thread thread;
    /** A new pair on each start: a stop closes them, and a context may be stopped and started again. */
    private volatile Consumer<String, byte[]> consumer;
    private Producer<String, byte[]> producer;

    public WebhookRetries(Supplier<Consumer<String, byte[]>> consumers, Supplier<Producer<String, byte[]>> producers,
                          String retriesTopic,
                          String deadLettersTopic, List<WebhookSender> senders, RetrySchedule schedule,
                          ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.consumers = consumers;
        this.producers = producers;
        this.retriesTopic = retriesTopic;
        this.deadLettersTopic = deadLettersTopic;
        this.senders = new HashMap<>();
        senders.forEach(sender -> this.senders.put(sender.endpoint().name(), sender));
        this.schedule = schedule;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        consumer = consumers.get();
        producer = producers.get();
        paused.clear();
        running = true;
        thread = new Thread(this::run, "webhook-retries");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        // This run's pair, closed when it ends even if a later start has made another.
        Consumer<String, byte[]> ownConsumer = consumer;
        Producer<String, byte[]> ownProducer = producer;
        try {
            producer.initTransactions();
            consumer.subscribe(List.of(retriesTopic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    paused.keySet().removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    paused.keySet().removeAll(partitions);
                }
            });
            while (running) {
                try {
                    resumeDue();
                    ConsumerRecords<String, byte[]> records = consumer.poll(pollWait());
                    for (TopicPartition partition : records.partitions()) {
                        handle(partition, records.records(partition));
                    }
                } catch (WakeupException | ProducerFencedException | OutOfOrderSequenceException
                         | AuthorizationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Whatever else went wrong (a broker away longer than a call's time-outs): the retries wait a
                    // little and read again from what is committed, rather than stopping until the next start.
                    log.warn("Webhook retries read again after {}", e.getClass().getName());
                    rewindToCommitted();
                    pause(ERROR_BACKOFF);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("Webhook retries woken while running", e);
            }
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            log.error("Webhook retries stopped: {}", e.getClass().getName());
        } catch (RuntimeException e) {
            log.error("Webhook retries stopped", e);
        } finally {
            running = false;
            ownConsumer.close();
            ownProducer.close(Duration.ofSeconds(5));
        }
    }

    /** Every assigned partition back to its committed offset: what was read and not committed is read again. */
    private void rewindToCommitted() {
        try {
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
            for (TopicPartition partition : assigned) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset != null) {
                    consumer.seek(partition, offset.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Webhook retries could not read their committed offsets: {}", e.getClass().getName());
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Until the earliest paused head is due, at most {@link #MAX_POLL_WAIT}: the clock may also be moved. */
    private Duration pollWait() {
        Instant now = clock.instant();
        return paused.values().stream().map(due -> Duration.between(now, due)).min(Duration::compareTo)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_POLL_WAIT) > 0 ? MAX_POLL_WAIT : wait)
                .orElse(MAX_POLL_WAIT);
    }

    private void resumeDue() {
        Instant now = clock.instant();
        List<TopicPartition> due = paused.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            due.forEach(paused::remove);
            consumer.resume(due);
        }
    }

    private void handle(TopicPartition partition, List<ConsumerRecord<String, byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            Instant due = WebhookRetry.dueOf(header(record.headers()));
            if (due != null && due.isAfter(clock.instant())) {
                if (heldBehind(records.subList(i + 1, records.size()), due)) {
                    if (!commit(record, new ProducerRecord<>(retriesTopic, null, record.key(), record.value(),
                            record.headers()))) {
                        return;
                    }
                    continue;
                }
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                paused.put(partition, due);
                return;
            }
            if (!commit(record, tryAgain(record))) {
                return;
            }
        }
    }

    private static boolean heldBehind(List<ConsumerRecord<String, byte[]>> behind, Instant due) {
        return behind.stream().map(r -> WebhookRetry.dueOf(header(r.headers())))
                .anyMatch(other -> other == null || other.isBefore(due));
    }

    /** Calls the endpoint once; what to write in the offset's transaction, if anything. */
    private ProducerRecord<String, byte[]> tryAgain(ConsumerRecord<String, byte[]> record) {
        WebhookRetry retry;
        WebhookPayload payload;
        try {
            retry = WebhookRetry.of(header(record.headers()));
            payload = WebhookPayload.of(KairosSerdes.messageOutcome().decode(record.value()), json);
        } catch (RuntimeException e) {
            log.warn("Moved {}-{}@{} to the dead letters: {}", record.topic(), record.partition(), record.offset(),
                    e.getClass().getName());
            return undecodable(record, e);
        }
        WebhookSender sender = senders.get(retry.endpoint());
        if (sender == null) {
            return deadLetter(record, retry, "webhook " + retry.endpoint() + " is no longer configured", "WEBHOOK");
        }
        WebhookSender.Attempt attempt = sender.again(payload);
        return switch (attempt.result()) {
            case DELIVERED -> null;
            case PERMANENT -> {
                sender.givenUp(payload, "permanent: " + attempt.cause(), false);
                yield deadLetter(record, retry, "webhook " + retry.endpoint() + " permanent: " + attempt.cause(),
                        "WEBHOOK");
            }
            case TRANSIENT -> {
                Optional<Instant> next = schedule.next(retry.failedCalls() + 1, retry.since());
                if (next.isEmpty()) {
                    String cause = "retries exhausted: " + attempt.cause();
                    sender.givenUp(payload, cause, true);
                    yield deadLetter(record, retry, "webhook " + retry.endpoint() + " " + cause, "WEBHOOK");
                }
                ProducerRecord<String, byte[]> again = new ProducerRecord<>(retriesTopic, retry.endpoint(),
                        record.value());
                retry.failedAgain(next.get(), attempt.cause()).headers().forEach(again.headers()::add);
                yield again;
            }
        };
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, WebhookRetry retry,
                                                      String cause, String stage) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLettersTopic, retry.originKey(),
                record.value());
        letter.headers().add("kairos-dlq-topic", utf8(retry.originTopic()));
        letter.headers().add("kairos-dlq-partition", utf8(retry.originPartition()));
        letter.headers().add("kairos-dlq-offset", utf8(retry.originOffset()));
        letter.headers().add("kairos-dlq-cause", utf8(cause));
        letter.headers().add("kairos-dlq-webhook", utf8(retry.endpoint()));
        meters.counter("kairos.dispatch.dead-letters", "source", "webhooks", "stage", stage).increment();
        return letter;
    }

    private ProducerRecord<String, byte[]> undecodable(ConsumerRecord<String, byte[]> record, RuntimeException e) {
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(deadLettersTopic, record.key(), record.value());
        letter.headers().add("kairos-dlq-topic", utf8(record.topic()));
        letter.headers().add("kairos-dlq-partition", utf8(Integer.toString(record.partition())));
        letter.headers().add("kairos-dlq-offset", utf8(Long.toString(record.offset())));
        letter.headers().add("kairos-dlq-cause", utf8(e.getClass().getName() + ": " + e.getMessage()));
        meters.counter("kairos.dispatch.dead-letters", "source", "webhooks", "stage", "DESERIALIZATION").increment();
        return letter;
    }

    /**
     * Writes {@code next} (if any) and commits the record's offset, in one transaction.
     *
     * @return false when the transaction failed: the partition is read again from this record
     */
    private boolean commit(ConsumerRecord<String, byte[]> record, ProducerRecord<String, byte[]> next) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            producer.beginTransaction();
            if (next != null) {
                producer.send(next);
            }
            producer.sendOffsetsToTransaction(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)),
                    consumer.groupMetadata());
            producer.commitTransaction();
            return true;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("Webhook retry {}-{}@{} not committed, read again: {}", record.topic(), record.partition(),
                    record.offset(), e.getClass().getName());
            try {
                producer.abortTransaction();
            } catch (KafkaException abort) {
                throw e;
            }
            consumer.seek(partition, record.offset());
            return false;
        }
    }

    private static Function<String, byte[]> header(Headers headers) {
        return name -> {
            Header header = headers.lastHeader(name);
            return header == null ? null : header.value();
        };
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
