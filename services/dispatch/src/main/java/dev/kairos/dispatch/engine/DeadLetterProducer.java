package dev.kairos.dispatch.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes the letters of the global tables, whose thread has no transaction to write them in; created on
 * the first letter, since most runs have none.
 */
final class DeadLetterProducer implements DeadLetterRoute.Sender, AutoCloseable {

    private final Map<String, Object> settings;
    private Producer<byte[], byte[]> producer;

    /** {@code settings}: an idempotent producer's, from the one place every Kafka client takes them. */
    DeadLetterProducer(Map<String, Object> settings) {
        this.settings = settings;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> letter) throws Exception {
        producer().send(letter).get(30, TimeUnit.SECONDS);
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> byteKeys = new HashMap<>(settings);
            byteKeys.remove("key.serializer");
            byteKeys.remove("value.serializer");
            producer = new KafkaProducer<>(byteKeys, new ByteArraySerializer(), new ByteArraySerializer());
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
