package dev.kairos.preferences.customers.messaging;

import dev.kairos.platform.events.AppliedEvents;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.preferences.customers.PreferencesService;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies {@code CustomerErased}: deletes the customer's preferences and writes the snapshot tombstone in
 * one transaction, with the event marked applied, so a redelivery after a crash changes nothing. Offsets
 * are committed only after the transaction, so an erasure is never skipped. On by default;
 * {@code kairos.preferences.erasures.enabled=false} leaves it out (a test about something else can then
 * keep its broker free of consumer groups).
 */
@Component
@ConditionalOnProperty(name = "kairos.preferences.erasures.enabled", havingValue = "true", matchIfMissing = true)
class ErasureConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ErasureConsumer.class);
    private static final String CONSUMER = "preferences.erasures";

    private final PreferencesService preferences;
    private final AppliedEvents applied;
    private final TransactionTemplate transactions;
    private final String topic;
    private final String bootstrapServers;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread worker;

    ErasureConsumer(PreferencesService preferences, AppliedEvents applied, TransactionTemplate transactions,
            TopicsProperties topics, @Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers) {
        this.preferences = preferences;
        this.applied = applied;
        this.transactions = transactions;
        this.topic = topics.name("erasures");
        this.bootstrapServers = bootstrapServers;
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    apply(record);
                }
                if (!records.isEmpty()) {
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

    private void apply(ConsumerRecord<String, byte[]> record) {
        CustomerErased erased = KairosSerdes.customerErased().decode(record.value());
        transactions.executeWithoutResult(status -> {
            if (applied.markApplied(CONSUMER, erased.getEventId())) {
                preferences.erase(erased.getCustomerId(), erased.getEventId());
            }
        });
        log.info("Applied erasure event {}", erased.getEventId());
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, CONSUMER,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        worker = new Thread(this::loop, "preferences-erasures");
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
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
