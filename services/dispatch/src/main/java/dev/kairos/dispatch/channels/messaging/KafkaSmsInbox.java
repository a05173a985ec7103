package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.sms.SmsInbox;
import dev.kairos.proto.dispatch.SmsReceived;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the SMSC delivers, on {@code dispatch.internal.sms-inbound.v1}, awaited before the SMSC gets its answer
 * (within 5 s, well inside an SMSC's response timer).
 */
final class KafkaSmsInbox implements SmsInbox, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    KafkaSmsInbox(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public void keep(String key, SmsReceived received) {
        try {
            producer.send(new ProducerRecord<>(topic, key, KairosSerdes.smsReceived().encode(received)))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keeping a deliver_sm", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not keep a deliver_sm", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
