package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.SuppressionReason;
import java.time.Instant;
import java.util.Optional;

/** Suppressions and consents as they stand right now, for the check just before a provider call. */
public interface CurrentState {

    /** Why the address may not be contacted on the channel, if it may not. */
    Optional<SuppressionReason> suppression(String address, Channel channel);

    /** Whether the customer's grant {@code entryId} for this address and channel still awaits its confirmation. */
    boolean awaitsConfirmation(String customerId, String entryId, Channel channel, String address);

    /** The customer's consent for the topic's purpose on the channel, if compliance has one on record. */
    Optional<ConsentNow> consent(String customerId, String topic, Channel channel);

    /** A consent as it stands: withdrawn, expired (by status or date) or still in force. */
    record ConsentNow(boolean withdrawn, boolean expiredStatus, Instant expiresAt) {
    }
}
