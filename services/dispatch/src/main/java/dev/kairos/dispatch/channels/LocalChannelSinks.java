package dev.kairos.dispatch.channels;

import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The local channel ends: reads the send queues (read-committed, so only decisions the engine committed)
 * and writes each message as a file, then records {@code MessageSent}. A file is named after its request
 * and channel, so a message repeated after a crash overwrites its own file instead of adding a second one.
 */
class LocalChannelSinks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalChannelSinks.class);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Map<String, MessageWriter> writers;
    private final TopicsProperties topics;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile boolean running;
    private Thread worker;

    LocalChannelSinks(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                      Map<String, MessageWriter> writersByQueue, TopicsProperties topics, Clock clock,
                      MeterRegistry meters) {
        this.consumer = consumer;
        this.producer = producer;
        this.writers = writersByQueue;
        this.topics = topics;
        this.clock = clock;
        this.meters = meters;
    }

    private void loop() {
        consumer.subscribe(List.copyOf(writers.keySet()));
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    deliver(record);
                }
                if (!records.isEmpty()) {
                    producer.flush();
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        SendApproved send = KairosSerdes.sendApproved().decode(record.value());
        try {
            String providerId = writers.get(record.topic()).write(send);
            MessageOutcome sent = MessageOutcome.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setRequestId(send.getRequestId())
                    .setCustomerId(send.getCustomerId())
                    .setTopic(send.getTopic())
                    .setCampaignId(send.getCampaignId())
                    .setOccurredAt(clock.instant())
                    .setConsentEntryId(send.getConsentEntryId())
                    .setOutcome(new MessageSent(send.getChannel(), providerId))
                    .build();
            producer.send(new ProducerRecord<>(topics.name("outcomes"), send.getCustomerId(),
                    KairosSerdes.messageOutcome().encode(sent)));
            meters.counter("kairos.dispatch.sent", "channel", send.getChannel().name()).increment();
        } catch (RuntimeException e) {
            meters.counter("kairos.dispatch.send.failures", "channel", send.getChannel().name()).increment();
            log.error("Could not write {} message for request {}", send.getChannel(), send.getRequestId(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "local-channel-sinks");
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
