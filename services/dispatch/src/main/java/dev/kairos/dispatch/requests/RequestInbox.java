package dev.kairos.dispatch.requests;

import dev.kairos.dispatch.engine.Lane;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes accepted requests to the inbox of their topic's lane (ADR 0036: SERVICE topics to the priority inbox),
 * keyed by customer id, and waits for the broker's acknowledgement: a 202 means the request is durable. While the
 * catalogue replica cannot say (the engine is starting), a request goes to the ordinary inbox, whose lane hands it
 * over when it belongs to the other.
 */
class RequestInbox implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Function<Lane, String> inboxes;
    private final Function<String, Optional<Lane>> laneOfTopic;

    RequestInbox(Producer<String, byte[]> producer, Function<Lane, String> inboxes,
                 Function<String, Optional<Lane>> laneOfTopic) {
        this.producer = producer;
        this.inboxes = inboxes;
        this.laneOfTopic = laneOfTopic;
    }

    void accept(SendMessage request) {
        String topic = inboxes.apply(laneOfTopic.apply(request.getTopic()).orElse(Lane.ORDINARY));
        try {
            producer.send(new ProducerRecord<>(topic, request.getCustomerId(), KairosSerdes.sendMessage().encode(request)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new InboxUnavailableException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    static class InboxUnavailableException extends RuntimeException {
        InboxUnavailableException(Throwable cause) {
            super("The request inbox is unavailable", cause);
        }
    }
}
