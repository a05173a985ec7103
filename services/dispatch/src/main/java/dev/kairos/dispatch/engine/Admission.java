package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.TopicInfo;
import dev.kairos.dispatch.rendering.Template;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a valid request becomes when it arrives, whichever way it came (REST or straight to the inbox), before it
 * is decided; schedules and digests then keep it so:
 * <ul>
 *   <li>a request naming a template carries that template's content in the customer's locale (or the template's
 *       default locale), rendered as the template is now: a later change of the template does not reach it;</li>
 *   <li>a MARKETING request without {@code expiresAt} expires {@link #MARKETING_LIFETIME} after its
 *       {@code notBefore}, or after it was accepted; a SERVICE request keeps no expiry unless it gives one.</li>
 * </ul>
 */
final class Admission {

    static final Duration MARKETING_LIFETIME = Duration.ofDays(7);

    private Admission() {
    }

    /**
     * Changes the request in place rather than copying it (a copy of a request is a deep copy of its content, which
     * cost more than the rest of its admission, ADR 0045): the engine hands it the record it decoded for this task,
     * which nothing else holds.
     *
     * @param template       the stored template the request names, if it names one that exists
     * @param customerLocale the customer's locale, null when dispatch has no preferences for them
     * @param now            when the request is taken in: its acceptance, unless it says when it was received
     * @return the same request, admitted
     */
    static SendMessage of(SendMessage request, Optional<TopicInfo> topic, Optional<Template> template,
                          String customerLocale, Instant now) {
        boolean defaultExpiry = request.getExpiresAt() == null && topic.map(TopicInfo::marketing).orElse(false);
        template.ifPresent(t -> {
            request.setContent(Translations.content(t.contentFor(customerLocale)));
            request.setTemplateId(null);
        });
        if (defaultExpiry) {
            Instant from = request.getNotBefore() != null ? request.getNotBefore()
                    : request.getReceivedAt() != null ? request.getReceivedAt() : now;
            request.setExpiresAt(from.plus(MARKETING_LIFETIME));
        }
        return request;
    }
}
