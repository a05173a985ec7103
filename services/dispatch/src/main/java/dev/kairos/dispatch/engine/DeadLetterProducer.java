package dev.kairos.dispatch.engine;

import dev.kairos.platform.kafka.KafkaClientFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the letters of the global tables, whose thread has no transaction to write them in; created on
 * the first letter, since most runs have none. Built by the {@link KafkaClientFactory} like every hand-written
 * client: its meters are on the registry and each letter carries the trace current when it is sent.
 */
final class DeadLetterProducer implements DeadLetterRoute.Sender, AutoCloseable {

    private final Map<String, Object> settings;
    private final KafkaClientFactory clients;
    private Producer<byte[], byte[]> producer;

    /** {@code settings}: an idempotent producer's, from the one place every Kafka client takes them. */
    DeadLetterProducer(Map<String, Object> settings, KafkaClientFactory clients) {
        this.settings = settings;
        this.clients = clients;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> letter) throws Exception {
        producer().send(letter).get(30, TimeUnit.SECONDS);
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> byteKeys = new HashMap<>(settings);
            byteKeys.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            byteKeys.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = clients.producer(byteKeys);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
