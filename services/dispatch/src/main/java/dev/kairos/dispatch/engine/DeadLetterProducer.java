package dev.kairos.dispatch.engine;

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

    private final String bootstrapServers;
    private Producer<byte[], byte[]> producer;

    DeadLetterProducer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void send(ProducerRecord<byte[], byte[]> letter) throws Exception {
        producer().send(letter).get(30, TimeUnit.SECONDS);
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", bootstrapServers,
                    "client.id", "dispatch-dead-letters",
                    "enable.idempotence", true,
                    "acks", "all"), new ByteArraySerializer(), new ByteArraySerializer());
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
