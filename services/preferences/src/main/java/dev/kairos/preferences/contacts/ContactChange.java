package dev.kairos.preferences.contacts;

import dev.kairos.preferences.common.Channel;
import java.time.Instant;
import java.util.Objects;

/**
 * A new contact point given on the preference centre, not yet confirmed.
 *
 * @param changeId    names the confirmation message (dispatch's request id), never the link
 * @param channel     {@link Channel#EMAIL} or {@link Channel#SMS}
 * @param address     the new email address or E.164 number
 * @param nonce       the single-use value the confirmation link carries
 * @param expiresAt   when the link stops working
 */
public record ContactChange(String changeId, String customerId, Channel channel, String address, String nonce,
                            Instant requestedAt, Instant expiresAt) {

    public ContactChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(nonce, "nonce");
        if (channel != Channel.EMAIL && channel != Channel.SMS) {
            throw new IllegalArgumentException("only an email address or a phone number is confirmed: " + channel);
        }
    }
}
