package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.Delivery;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.dispatch.rendering.MessageRenderer;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * What the send-queue bindings do with each record: decode, deliver, and record the result as an outcome (and,
 * for a failure, the record on the dead-letter topic with its cause), in the transaction that consumes it. A failed
 * send that carries a fallback (ADR 0048) also writes it back, sealed, to the inbox of the lane it came from, in the
 * same transaction: after a crash neither the outcome nor the fallback is written twice, nor one without the other.
 */
final class SendQueues {

    static final String OUTCOMES = "outcomes";
    /** The output bindings of the lanes' inboxes, where a failed send's fallback goes. */
    static final String REQUESTS_INBOX = "requestsInbox";
    static final String PRIORITY_REQUESTS_INBOX = "priorityRequestsInbox";

    private static final Logger log = LoggerFactory.getLogger(SendQueues.class);

    private final StreamBridge bridge;
    private final FallbackSeal seal;
    private final Clock clock;
    private final MeterRegistry meters;
    private final MessageRenderer renderer;

    SendQueues(StreamBridge bridge, FallbackSeal seal, Clock clock, MeterRegistry meters, MessageRenderer renderer) {
        this.bridge = bridge;
        this.seal = seal;
        this.clock = clock;
        this.meters = meters;
        this.renderer = renderer;
    }

    /** @param inbox the output binding of the inbox of the lane whose send queue the message comes from */
    void handle(Message<byte[]> message, Delivery delivery, String inbox) {
        SendApproved send;
        try {
            send = KairosSerdes.sendApproved().decode(payload(message));
        } catch (RuntimeException e) {
            // Not a send this queue can carry out, now or ever: to the dead letters with its cause, in the
            // transaction that consumes it, so the queue goes on at once (a retry cannot cure it).
            log.warn("Moved {}-{}@{} to the dead letters: {}", message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION), message.getHeaders().get(KafkaHeaders.OFFSET),
                    e.getClass().getName());
            deadLetter(message, delivery, "DESERIALIZATION", e.getClass().getName() + ": " + e.getMessage());
            return;
        }
        Channel channel = send.getChannel();
        Outgoing outgoing;
        try {
            outgoing = Translation.outgoing(send, renderer);
        } catch (MessageRenderer.RenderingException e) {
            // The request's own content renders beyond what the channel takes: no retry can cure it.
            meters.counter("kairos.dispatch.render.failures", "channel", channel.name()).increment();
            failed(message, delivery, inbox, send, "RENDER", e.getMessage(), true);
            return;
        }
        Delivery.Result result = delivery.deliver(outgoing);
        if (result instanceof Delivery.Sent sent) {
            if (sent.recorded()) { // else its print batch records it when it closes
                record(send, "sent", new MessageSent(channel, sent.providerMessageId()));
            }
        } else if (result instanceof Delivery.Stopped stopped) {
            List<String> reasons = List.of(stopped.reason().name());
            if (stopped.reason() == Reason.EXPIRED) {
                record(send, "expired", new MessageExpired(reasons));
            } else {
                record(send, "suppressed", new MessageSuppressed(reasons, channel));
            }
        } else if (result instanceof Delivery.Failed failed) {
            failed(message, delivery, inbox, send, "SEND", failed.reason(), failed.permanent());
        }
    }

    /** A send that failed: its outcome, the record on the dead letters with its cause, and its fallback if any. */
    private void failed(Message<byte[]> message, Delivery delivery, String inbox, SendApproved send, String stage,
                        String reason, boolean permanent) {
        Channel channel = send.getChannel();
        log.warn("{} send of request {} failed ({}): {}", channel, send.getRequestId(),
                permanent ? "permanent" : "retries exhausted", reason);
        record(send, "failed", new DeliveryFailed(channel, reason, permanent));
        deadLetter(message, delivery, stage, reason);
        if (send.getFallback() != null) {
            bridge.send(inbox, fallback(send, seal));
            meters.counter("kairos.dispatch.send.fallbacks", "channel", channel.name()).increment();
        }
    }

    /**
     * The request a failed send carries, as a record for its lane's inbox (keyed by customer id), sealed for the
     * engine: the one record that may pass its "a request id is decided once", once per request and failed channel.
     */
    static Message<byte[]> fallback(SendApproved send, FallbackSeal seal) {
        SendMessage request = send.getFallback();
        String sealed = seal.seal(request.getRequestId(), request.getCustomerId(), request.getTopic(),
                send.getChannel().name(), send.getDecidedAt(), request.getChannels().stream().map(Enum::name).toList());
        return MessageBuilder.withPayload(KairosSerdes.sendMessage().encode(request))
                .setHeader(KafkaHeaders.KEY, utf8(request.getCustomerId()))
                .setHeader(FallbackSeal.HEADER, sealed.getBytes(StandardCharsets.US_ASCII))
                .build();
    }

    private void record(SendApproved send, String kind, Object outcome) {
        bridge.send(OUTCOMES, outcome(send, kind, outcome, clock.instant()));
    }

    /** The event id is derived from request, channel and kind, so a repeated record is recognisably the same event. */
    static Message<byte[]> outcome(SendApproved send, String kind, Object outcome, Instant at) {
        String eventId = eventId(send.getRequestId(), send.getChannel().name(), kind);
        MessageOutcome record = MessageOutcome.newBuilder()
                .setEventId(eventId)
                .setRequestId(send.getRequestId())
                .setCustomerId(send.getCustomerId())
                .setTopic(send.getTopic())
                .setCampaignId(send.getCampaignId())
                .setOccurredAt(at)
                .setConsentEntryId(send.getConsentEntryId())
                .setOutcome(outcome)
                .build();
        return MessageBuilder.withPayload(KairosSerdes.messageOutcome().encode(record))
                .setHeader(KafkaHeaders.KEY, utf8(send.getCustomerId()))
                .setHeader("kairos-event-id", utf8(eventId))
                .build();
    }

    static String eventId(String requestId, String channel, String kind) {
        return UUID.nameUUIDFromBytes((requestId + "/" + channel + "/" + kind).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The record's value; a tombstone (which the binder hands over as {@code KafkaNull}) is no send. */
    static byte[] payload(Message<?> message) {
        if (message.getPayload() instanceof byte[] bytes) {
            return bytes;
        }
        throw new SerializationException("A record without a value is not a send");
    }

    /** Counted with the engine's dead letters: source {@code send-email} etc., stage as given. */
    private void deadLetter(Message<?> message, Delivery delivery, String stage, String cause) {
        bridge.send(DeadLetterRecords.BINDING, DeadLetterRecords.of(message, cause));
        meters.counter("kairos.dispatch.dead-letters", "source",
                "send-" + delivery.channel().name().toLowerCase(java.util.Locale.ROOT), "stage", stage).increment();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
