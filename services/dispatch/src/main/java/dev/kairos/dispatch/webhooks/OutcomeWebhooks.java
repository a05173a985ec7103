package dev.kairos.dispatch.webhooks;

import dev.kairos.dispatch.channels.messaging.DeadLetterRecords;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * What the {@code outcomeWebhooks} binding does with each record of {@code dispatch.outcomes.v1}: every endpoint
 * that selects the outcome gets it; an endpoint that does not take it has the record set aside on the dead-letter
 * topic (its cause in {@code kairos-dlq-cause}, the endpoint in {@code kairos-dlq-webhook}), in the transaction
 * that consumes the record, and the next outcome goes on. A record that is no outcome is set aside the same way.
 */
public final class OutcomeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWebhooks.class);

    private final List<WebhookSender> senders;
    private final ObjectMapper json;
    private final StreamBridge bridge;
    private final MeterRegistry meters;

    public OutcomeWebhooks(List<WebhookSender> senders, ObjectMapper json, StreamBridge bridge, MeterRegistry meters) {
        this.senders = List.copyOf(senders);
        this.json = json;
        this.bridge = bridge;
        this.meters = meters;
    }

    public void handle(Message<byte[]> message) {
        if (senders.isEmpty()) {
            return;
        }
        WebhookPayload payload;
        try {
            // The binder hands a tombstone over as KafkaNull, whatever the declared type.
            Object value = message.getPayload();
            if (!(value instanceof byte[] bytes)) {
                throw new IllegalArgumentException("a record without a value is no outcome");
            }
            payload = WebhookPayload.of(KairosSerdes.messageOutcome().decode(bytes), json);
        } catch (RuntimeException e) {
            log.warn("Moved {}-{}@{} to the dead letters: {}", message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION), message.getHeaders().get(KafkaHeaders.OFFSET),
                    e.getClass().getName());
            deadLetter(message, null, "DESERIALIZATION", e.getClass().getName() + ": " + e.getMessage());
            return;
        }
        for (WebhookSender sender : senders) {
            WebhookEndpoint endpoint = sender.endpoint();
            if (endpoint.wants(payload.status(), payload.topic(), payload.requestId(), payload.campaignId())) {
                Optional<String> failure = sender.deliver(payload);
                failure.ifPresent(cause -> deadLetter(message, endpoint.name(), "WEBHOOK",
                        "webhook " + endpoint.name() + " " + cause));
            }
        }
    }

    private void deadLetter(Message<byte[]> message, String endpoint, String stage, String cause) {
        Message<byte[]> letter = DeadLetterRecords.of(message, cause);
        if (endpoint != null) {
            letter = MessageBuilder.fromMessage(letter)
                    .setHeader("kairos-dlq-webhook", endpoint.getBytes(StandardCharsets.UTF_8)).build();
        }
        bridge.send(DeadLetterRecords.BINDING, letter);
        meters.counter("kairos.dispatch.dead-letters", "source", "webhooks", "stage", stage).increment();
    }
}
