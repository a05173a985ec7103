package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.Delivery;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.sms.KeywordReplies;
import dev.kairos.dispatch.channels.sms.ReceiptOutcome;
import dev.kairos.dispatch.channels.sms.SmsSubmissions;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.inbound.ChannelSignals;
import dev.kairos.platform.sms.SmsKeywords;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.HelpKeywordReceived;
import dev.kairos.proto.dispatch.MessageDelivered;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SmsDeliveryReceipt;
import dev.kairos.proto.dispatch.SmsFromHandset;
import dev.kairos.proto.dispatch.SmsReceived;
import dev.kairos.proto.dispatch.SmsSubmitted;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * What the {@code smsInbound} binding does with each record the SMSC delivered, in the transaction that consumes
 * it (ADR 0032).
 *
 * <p>A text that is an opt-out or HELP keyword becomes a channel signal ({@code StopKeywordReceived} or
 * {@code HelpKeywordReceived}, keyed by the HMAC of the number; compliance withdraws SMS marketing on the
 * former) and gets its reply, sent directly over the SMSC without the re-check: one confirmation per opt-out,
 * the HELP text per HELP. The reply's request id is derived from the SMSC's id of the text, so a text delivered
 * twice (by the SMSC, or by Kafka after a rollback) is answered once: its submission is on record. Any other text
 * changes nothing. A reply the SMSC does not take after the retries leaves the signal committed and the text on
 * the dead letters with its cause.
 *
 * <p>A delivery receipt becomes {@code MessageDelivered} or {@code DeliveryFailed} for the request its
 * submission names; a receipt whose submission is not on record (yet) is retried by the binder, then
 * dead-lettered.
 */
final class SmsInbound {

    private static final Logger log = LoggerFactory.getLogger(SmsInbound.class);

    private final StreamBridge bridge;
    private final Delivery sms;
    private final SmsSubmissions submissions;
    private final KeywordReplies replies;
    private final ChannelSignals signals;
    private final Clock clock;
    private final MeterRegistry meters;

    SmsInbound(StreamBridge bridge, Delivery sms, SmsSubmissions submissions, KeywordReplies replies,
               ChannelSignals signals, Clock clock, MeterRegistry meters) {
        this.bridge = bridge;
        this.sms = sms;
        this.submissions = submissions;
        this.replies = replies;
        this.signals = signals;
        this.clock = clock;
        this.meters = meters;
    }

    void handle(Message<byte[]> message) {
        SmsReceived received;
        try {
            received = KairosSerdes.smsReceived().decode(SendQueues.payload(message));
        } catch (RuntimeException e) {
            bridge.send(DeadLetterRecords.BINDING, DeadLetterRecords.of(message,
                    e.getClass().getName() + ": " + e.getMessage()));
            return;
        }
        if (received.getReceived() instanceof SmsFromHandset text) {
            fromHandset(received, text, message);
        } else {
            receipt(received, (SmsDeliveryReceipt) received.getReceived());
        }
    }

    private void fromHandset(SmsReceived received, SmsFromHandset text, Message<byte[]> message) {
        Optional<SmsKeywords.Keyword> keyword = SmsKeywords.of(text.getText());
        if (keyword.isEmpty()) {
            count("text", "no-keyword");
            return;
        }
        SmsKeywords.Keyword k = keyword.get();
        signals.publish("sms-signal/" + received.getSmscMessageId(), dev.kairos.proto.common.Channel.SMS,
                text.getSource(), text.getText(), received.getReceivedAt(),
                k.kind() == SmsKeywords.Kind.OPT_OUT ? new StopKeywordReceived(k.canonical())
                        : new HelpKeywordReceived(k.canonical()));
        reply(received, text, k, message);
    }

    private void reply(SmsReceived received, SmsFromHandset text, SmsKeywords.Keyword keyword, Message<byte[]> message) {
        String kind = keyword.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String requestId = "sms-reply:" + received.getSmscMessageId();
        if (submissions.submittedFor(requestId)) {
            count(kind, "already-answered");
            return;
        }
        Outgoing reply = new Outgoing(requestId, null, null, false, Channel.SMS, text.getSource(), null, null, null,
                replies.reply(keyword, text.getSource()), null, null, null, null, null, clock.instant(), null);
        if (sms.deliverRequired(reply) instanceof Delivery.Failed failed) {
            count(kind, "reply-failed");
            log.warn("The reply to an SMS {} keyword was not sent: {}", kind, failed.reason());
            bridge.send(DeadLetterRecords.BINDING, DeadLetterRecords.of(message, "reply not sent: " + failed.reason()));
            return;
        }
        count(kind, "answered");
    }

    private void receipt(SmsReceived received, SmsDeliveryReceipt receipt) {
        SmsSubmitted submitted = submissions.find(received.getSmscMessageId()).orElseThrow(() ->
                new IllegalStateException("no SMS submission on record for receipt " + received.getSmscMessageId()));
        if (submitted.getCustomerId() == null) {
            count("receipt", "of-a-reply");
            return;
        }
        Optional<ReceiptOutcome> outcome = ReceiptOutcome.of(receipt.getState(), receipt.getError());
        if (outcome.isEmpty()) {
            count("receipt", "not-final");
            return;
        }
        ReceiptOutcome o = outcome.get();
        String kind = o.delivered() ? "delivered" : "undelivered";
        String eventId = SendQueues.eventId(submitted.getRequestId(), Channel.SMS.name(), kind);
        MessageOutcome record = MessageOutcome.newBuilder()
                .setEventId(eventId)
                .setRequestId(submitted.getRequestId())
                .setCustomerId(submitted.getCustomerId())
                .setTopic(submitted.getTopic())
                .setCampaignId(submitted.getCampaignId())
                .setConsentEntryId(submitted.getConsentEntryId())
                .setOccurredAt(received.getReceivedAt())
                .setOutcome(o.delivered()
                        ? new MessageDelivered(dev.kairos.proto.common.Channel.SMS, received.getSmscMessageId())
                        : new DeliveryFailed(dev.kairos.proto.common.Channel.SMS, o.reason(), o.permanent()))
                .build();
        bridge.send(SendQueues.OUTCOMES, MessageBuilder.withPayload(KairosSerdes.messageOutcome().encode(record))
                .setHeader(KafkaHeaders.KEY, utf8(submitted.getCustomerId()))
                .setHeader("kairos-event-id", utf8(eventId))
                .build());
        count("receipt", kind);
    }

    private void count(String kind, String result) {
        meters.counter("kairos.dispatch.sms.inbound.handled", "kind", kind, "result", result).increment();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
