package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.sms.SmsSubmissions;
import dev.kairos.proto.dispatch.SmsSubmitted;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submissions on {@code dispatch.internal.sms-submissions.v1} (key: SMSC message id), and a replica of them read
 * up to the latest offset before each answer, like the senders' state replica (ADR 0022): a submission recorded
 * before the question is always seen. It keeps what the topic keeps ({@code keep}, the topic's retention), the
 * time within which a delivery receipt or a redelivered keyword text can still come.
 */
final class KafkaSmsSubmissions implements SmsSubmissions, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaSmsSubmissions.class);

    private final Producer<String, byte[]> producer;
    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Duration keep;
    private final Clock clock;
    private final List<TopicPartition> partitions;
    /** In the order read, which is about the order submitted: the oldest are pruned from the head. */
    private final LinkedHashMap<String, SmsSubmitted> byId = new LinkedHashMap<>();
    private final Map<String, String> idByRequest = new HashMap<>();

    KafkaSmsSubmissions(Producer<String, byte[]> producer, Consumer<String, byte[]> consumer, String topic,
                        Duration keep, Clock clock) {
        this.producer = producer;
        this.consumer = consumer;
        this.topic = topic;
        this.keep = keep;
        this.clock = clock;
        this.partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        readUntilEndsAreKnown();
    }

    /**
     * Reads at start until the broker has told each partition's end, so that the replica is warm for the first
     * receipt and the consumer's lag is reported from the start, not from the first question (at most ~10 s, then
     * the first question reads the rest).
     */
    private synchronized void readUntilEndsAreKnown() {
        for (int attempt = 0; attempt < 50 && partitions.stream().anyMatch(p -> consumer.currentLag(p).isEmpty());
             attempt++) {
            consumer.poll(Duration.ofMillis(200)).forEach(this::apply);
        }
        catchUp();
    }

    @Override
    public void record(SmsSubmitted submitted) {
        try {
            producer.send(new ProducerRecord<>(topic, submitted.getSmscMessageId(),
                    KairosSerdes.smsSubmitted().encode(submitted))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an SMS submission", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not record an SMS submission", e.getCause());
        }
    }

    @Override
    public synchronized Optional<SmsSubmitted> find(String smscMessageId) {
        catchUp();
        return Optional.ofNullable(byId.get(smscMessageId));
    }

    @Override
    public synchronized boolean submittedFor(String requestId) {
        catchUp();
        return idByRequest.containsKey(requestId);
    }

    private void catchUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            consumer.poll(Duration.ofMillis(100)).forEach(this::apply);
        }
        prune(clock.instant().minus(keep));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            SmsSubmitted submitted = KairosSerdes.smsSubmitted().decode(record.value());
            byId.put(submitted.getSmscMessageId(), submitted);
            idByRequest.put(submitted.getRequestId(), submitted.getSmscMessageId());
        } catch (RuntimeException e) {
            log.warn("SMS submissions replica skipped {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getClass().getName());
        }
    }

    private void prune(Instant before) {
        Iterator<SmsSubmitted> oldest = byId.values().iterator();
        while (oldest.hasNext()) {
            SmsSubmitted submitted = oldest.next();
            if (!submitted.getSubmittedAt().isBefore(before)) {
                return;
            }
            oldest.remove();
            idByRequest.remove(submitted.getRequestId(), submitted.getSmscMessageId());
        }
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
        producer.close();
    }
}
