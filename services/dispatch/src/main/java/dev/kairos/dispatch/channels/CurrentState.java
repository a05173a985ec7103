package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import java.time.Instant;
import java.util.Optional;

/** Suppressions and consents as they stand right now, for the check just before a provider call. */
public interface CurrentState {

    boolean suppressed(String address, Channel channel);

    /** The customer's consent for the topic's purpose on the channel, if compliance has one on record. */
    Optional<ConsentNow> consent(String customerId, String topic, Channel channel);

    /** A consent as it stands: withdrawn, expired (by status or date) or still in force. */
    record ConsentNow(boolean withdrawn, boolean expiredStatus, Instant expiresAt) {
    }
}
