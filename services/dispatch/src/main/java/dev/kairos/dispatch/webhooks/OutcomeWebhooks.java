package dev.kairos.dispatch.webhooks;

import dev.kairos.dispatch.channels.messaging.DeadLetterRecords;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
 * that selects the outcome is called once. One that fails transiently gets the outcome on
 * {@code dispatch.internal.webhook-retries.v1} (keyed by the endpoint, output binding {@link #RETRIES}), due after
 * the schedule's first wait, for {@link WebhookRetries} to try again (ADR 0050); one that refuses it for good has
 * the record set aside on the dead-letter topic (its cause in {@code kairos-dlq-cause}, the endpoint in
 * {@code kairos-dlq-webhook}). Both are written in the transaction that consumes the record, and the next outcome
 * goes on at once. A record that is no outcome is set aside the same way.
 */
public final class OutcomeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWebhooks.class);

    /** The output binding of {@code dispatch.internal.webhook-retries.v1}. */
    public static final String RETRIES = "webhookRetries";

    private final List<WebhookSender> senders;
    private final ObjectMapper json;
    private final StreamBridge bridge;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final MeterRegistry meters;

    public OutcomeWebhooks(List<WebhookSender> senders, ObjectMapper json, StreamBridge bridge, RetrySchedule schedule,
                           Clock clock, MeterRegistry meters) {
        this.senders = List.copyOf(senders);
        this.json = json;
        this.bridge = bridge;
        this.schedule = schedule;
        this.clock = clock;
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
                WebhookSender.Attempt attempt = sender.first(payload);
                switch (attempt.result()) {
                    case DELIVERED -> { }
                    case PERMANENT -> {
                        sender.givenUp(payload, "permanent: " + attempt.cause(), false);
                        deadLetter(message, endpoint.name(), "WEBHOOK",
                                "webhook " + endpoint.name() + " permanent: " + attempt.cause());
                    }
                    case TRANSIENT -> retryLater(message, sender, payload, attempt.cause());
                }
            }
        }
    }

    private void retryLater(Message<byte[]> message, WebhookSender sender, WebhookPayload payload, String cause) {
        String endpoint = sender.endpoint().name();
        Instant now = clock.instant();
        Optional<Instant> due = schedule.first();
        if (due.isEmpty()) {
            sender.givenUp(payload, "retries exhausted: " + cause, true);
            deadLetter(message, endpoint, "WEBHOOK", "webhook " + endpoint + " retries exhausted: " + cause);
            return;
        }
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        WebhookRetry retry = new WebhookRetry(endpoint, 1, now, due.get(), cause,
                String.valueOf(message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC)),
                String.valueOf(message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION)),
                String.valueOf(message.getHeaders().get(KafkaHeaders.OFFSET)),
                key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key == null ? null : key.toString());
        MessageBuilder<byte[]> record = MessageBuilder.withPayload(message.getPayload())
                .setHeader(KafkaHeaders.KEY, endpoint.getBytes(StandardCharsets.UTF_8));
        retry.headers().forEach(record::setHeader);
        bridge.send(RETRIES, record.build());
        meters.counter("kairos.dispatch.webhook.deferred", "endpoint", endpoint).increment();
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
