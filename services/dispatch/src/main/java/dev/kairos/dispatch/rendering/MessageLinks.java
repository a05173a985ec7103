package dev.kairos.dispatch.rendering;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.SignedLinks;
import java.time.Instant;
import java.util.Map;

/**
 * The links every message carries to the customer pages, signed with dispatch's key: the preference
 * centre, and the unsubscribe page for the message's topic and channel (also the target of the
 * {@code List-Unsubscribe} header). Signing is deterministic, so a message decided again renders the same
 * links.
 */
public final class MessageLinks {

    private final SignedLinks links;

    public MessageLinks(SignedLinks links) {
        this.links = links;
    }

    public String unsubscribeUrl(String customerId, String topic, Channel channel, Instant now) {
        return links.url(LinkClaims.unsubscribe(customerId, topic, channel.name(), now));
    }

    /** {@code preferencesUrl} and {@code unsubscribeUrl}, for {@link Placeholders}. */
    public Map<String, String> placeholders(String customerId, String topic, Channel channel, Instant now) {
        return Map.of(
                "preferencesUrl", links.url(LinkClaims.preferenceCentre(customerId, now)),
                "unsubscribeUrl", unsubscribeUrl(customerId, topic, channel, now));
    }
}
