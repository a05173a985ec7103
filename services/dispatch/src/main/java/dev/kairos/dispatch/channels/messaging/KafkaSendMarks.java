package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.SendMarks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Marks on {@code dispatch.internal.send-marks.v1}, outside the consuming transaction so that a mark stays
 * even when that transaction aborts. A mark without a {@code MessageSent} for its request and channel is a
 * send that may have reached the provider before a crash (ADR 0022). The mark is all headers: it names the
 * send, it carries no content or address.
 */
final class KafkaSendMarks implements SendMarks, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Clock clock;

    KafkaSendMarks(Producer<String, byte[]> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public void mark(Outgoing message) {
        ProducerRecord<String, byte[]> mark = new ProducerRecord<>(topic, message.customerId(), null);
        mark.headers()
                .add("kairos-mark-request-id", utf8(message.requestId()))
                .add("kairos-mark-channel", utf8(message.channel().name()))
                .add("kairos-mark-at", utf8(clock.instant().toString()));
        try {
            producer.send(mark).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while marking a send", e);
        } catch (ExecutionException e) {
            // No mark, no call: the message is not consumed and comes again.
            throw new IllegalStateException("could not mark the send of " + message.requestId(), e.getCause());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
