package dev.kairos.dispatch.requests;

import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes accepted requests to the inbox of their topic's lane (ADR 0036: SERVICE topics to the priority inbox),
 * keyed by customer id, and waits for the broker's acknowledgement: a 202 means the request is durable. While the
 * catalogue replica cannot say (the engine is starting) or does not know the topic, a request goes to the ordinary
 * inbox, whose lane hands it over when it belongs to the other.
 */
class RequestInbox implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String ordinaryInbox;
    private final String priorityInbox;
    private final Function<String, Optional<Boolean>> priorityTopic;

    /**
     * @param ordinaryInbox the ordinary lane's inbox topic
     * @param priorityInbox the priority lane's inbox topic
     * @param priorityTopic whether a catalogue topic is decided by the priority lane; empty when unknown
     */
    RequestInbox(Producer<String, byte[]> producer, String ordinaryInbox, String priorityInbox,
                 Function<String, Optional<Boolean>> priorityTopic) {
        this.producer = producer;
        this.ordinaryInbox = ordinaryInbox;
        this.priorityInbox = priorityInbox;
        this.priorityTopic = priorityTopic;
    }

    void accept(SendMessage request) {
        try {
            producer.send(new ProducerRecord<>(inboxOf(request), request.getCustomerId(), KairosSerdes.sendMessage().encode(request)))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new InboxUnavailableException(e);
        }
    }

    /**
     * Sends each request, then waits for each acknowledgement: answers, in the same order, whether the broker
     * took each one. One refused request does not refuse the others.
     */
    List<Boolean> acceptAll(List<SendMessage> requests) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (SendMessage request : requests) {
            sent.add(producer.send(new ProducerRecord<>(inboxOf(request), request.getCustomerId(),
                    KairosSerdes.sendMessage().encode(request))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Boolean> stored = new ArrayList<>();
        for (Future<RecordMetadata> ack : sent) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                stored.add(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stored.add(false);
            } catch (ExecutionException | TimeoutException e) {
                stored.add(false);
            }
        }
        return stored;
    }

    private String inboxOf(SendMessage request) {
        return priorityTopic.apply(request.getTopic()).orElse(false) ? priorityInbox : ordinaryInbox;
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
