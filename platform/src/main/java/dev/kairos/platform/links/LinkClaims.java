package dev.kairos.platform.links;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signed link says.
 *
 * @param purpose   what the link lets its holder do
 * @param subject   the customer id
 * @param expiresAt when the link stops working (whole seconds)
 * @param topic     the topic id of an unsubscribe link, the purpose of a confirmation link, else null
 * @param channel   {@code EMAIL}, {@code SMS} or {@code MAIL} for unsubscribe and confirmation links, the channel
 *                  of the new contact point of a contact-change link, else null
 * @param nonce     the single-use nonce of a confirmation or contact-change link, else null
 */
public record LinkClaims(LinkPurpose purpose, String subject, Instant expiresAt, String topic, String channel,
                         String nonce) {

    public LinkClaims {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
    }

    /** A preference-centre link issued now. */
    public static LinkClaims preferenceCentre(String customerId, Instant now) {
        return new LinkClaims(LinkPurpose.PREFERENCES, customerId, now.plus(LinkPurpose.PREFERENCES.lifetime()),
                null, null, null);
    }

    /** An unsubscribe link for one topic and channel, issued now. */
    public static LinkClaims unsubscribe(String customerId, String topic, String channel, Instant now) {
        return new LinkClaims(LinkPurpose.UNSUBSCRIBE, customerId, now.plus(LinkPurpose.UNSUBSCRIBE.lifetime()),
                Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(channel, "channel"), null);
    }

    /** A double opt-in confirmation link for one purpose and channel, issued now. */
    public static LinkClaims confirmation(String customerId, String purpose, String channel, String nonce, Instant now) {
        return new LinkClaims(LinkPurpose.CONFIRM, customerId, now.plus(LinkPurpose.CONFIRM.lifetime()),
                Objects.requireNonNull(purpose, "purpose"), Objects.requireNonNull(channel, "channel"),
                Objects.requireNonNull(nonce, "nonce"));
    }

    /** A link confirming a new contact point of one channel, issued now; the nonce names the pending change. */
    public static LinkClaims contactChange(String customerId, String channel, String nonce, Instant now) {
        return new LinkClaims(LinkPurpose.CONTACT_CHANGE, customerId, now.plus(LinkPurpose.CONTACT_CHANGE.lifetime()),
                null, Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(nonce, "nonce"));
    }
}
