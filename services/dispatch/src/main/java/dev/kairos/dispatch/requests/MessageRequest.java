package dev.kairos.dispatch.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/messages}, as documented in the public API. What makes it valid is
 * {@link dev.kairos.dispatch.decision.RequestRule}, the rule records produced straight to the inbox meet too.
 */
record MessageRequest(
        String requestId,
        String customerId,
        String topic,
        List<ChannelName> channels,
        DeliveryMode delivery,
        Map<ChannelName, Content> content,
        String templateId,
        Map<String, String> variables,
        Instant notBefore,
        Instant expiresAt,
        WhenCapped whenCapped,
        String campaignId,
        String recipientAddress) {

    enum ChannelName { EMAIL, SMS, MAIL }

    enum DeliveryMode { FIRST_AVAILABLE, ALL }

    enum WhenCapped { DROP, DEFER }

    record Content(String subject, String text, String html) {
    }
}
