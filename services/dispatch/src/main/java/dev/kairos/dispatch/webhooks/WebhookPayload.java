package dev.kairos.dispatch.webhooks;

import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageDelivered;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageSuppressed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;

/**
 * An outcome as the campaign system receives it: {@code {"type": "message.sent", "timestamp": ..., "data": {...}}}
 * (the Standard Webhooks envelope), {@code data} holding the outcome's own fields and those of its kind; a field
 * without a value is left out.
 *
 * @param id     the outcome's event id: the same for every attempt, so a receiver can drop a repeat
 * @param status what the outcome says, for the endpoints' selection
 * @param body   the JSON, as signed and sent
 */
public record WebhookPayload(String id, OutcomeStatus status, String topic, String requestId, String campaignId,
                             byte[] body) {

    static WebhookPayload of(MessageOutcome outcome, ObjectMapper json) {
        OutcomeStatus status = OutcomeStatus.of(outcome.getOutcome());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", outcome.getEventId());
        data.put("requestId", outcome.getRequestId());
        data.put("customerId", outcome.getCustomerId());
        data.put("topic", outcome.getTopic());
        put(data, "campaignId", outcome.getCampaignId());
        data.put("status", status.name());
        data.put("occurredAt", outcome.getOccurredAt().toString());
        put(data, "consentEntryId", outcome.getConsentEntryId());
        details(outcome.getOutcome(), data);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", status.type());
        envelope.put("timestamp", outcome.getOccurredAt().toString());
        envelope.put("data", data);
        return new WebhookPayload(outcome.getEventId(), status, outcome.getTopic(), outcome.getRequestId(),
                outcome.getCampaignId(), json.writeValueAsBytes(envelope));
    }

    private static void details(Object outcome, Map<String, Object> data) {
        if (outcome instanceof MessageRejected r) {
            reasons(data, r.getReasons());
            put(data, "detail", r.getDetail());
        } else if (outcome instanceof MessageScheduled s) {
            put(data, "channel", s.getChannel());
            data.put("scheduledFor", s.getScheduledFor().toString());
            reasons(data, s.getReasons());
        } else if (outcome instanceof MessageQueuedForDigest q) {
            data.put("channel", q.getChannel().name());
            data.put("digestId", q.getDigestId());
            data.put("scheduledFor", q.getDigestAt().toString());
        } else if (outcome instanceof MessageSuppressed s) {
            put(data, "channel", s.getChannel());
            reasons(data, s.getReasons());
        } else if (outcome instanceof MessageSent s) {
            data.put("channel", s.getChannel().name());
            put(data, "providerMessageId", s.getProviderMessageId());
        } else if (outcome instanceof MessageDelivered d) {
            data.put("channel", d.getChannel().name());
            put(data, "providerMessageId", d.getProviderMessageId());
        } else if (outcome instanceof DeliveryFailed f) {
            data.put("channel", f.getChannel().name());
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("reason", f.getReason());
            failure.put("permanent", f.getPermanent());
            data.put("failure", failure);
        } else if (outcome instanceof MessageExpired e) {
            reasons(data, e.getReasons());
        }
    }

    private static void reasons(Map<String, Object> data, List<String> reasons) {
        data.put("reasons", List.copyOf(reasons));
    }

    private static void put(Map<String, Object> data, String name, Object value) {
        if (value != null) {
            data.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }
}
