package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as submitted, over REST or straight to the inbox topic, before anything is trusted: what
 * {@link RequestRule} checks. Any field may be null.
 *
 * @param content keyed by channel name as sent (EMAIL, SMS, MAIL, or anything a producer wrote)
 */
public record Submission(String requestId, String customerId, String topic, List<Channel> channels,
                         Map<String, Part> content, String templateId, Map<String, String> variables,
                         Instant notBefore, Instant expiresAt, String campaignId, String recipientAddress) {

    /** One channel's content; each part is a template with {@code {{placeholders}}}. */
    public record Part(String subject, String text, String html) {

        public boolean present() {
            return notBlank(text) || notBlank(html);
        }
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
