package dev.kairos.dispatch.decision;

import java.util.Optional;

/** The do-not-contact list, looked up by address hash. */
@FunctionalInterface
public interface Suppressions {

    /** Why the address may not be contacted on the channel, if it may not (an entry without channel covers all). */
    Optional<SuppressionReason> reason(String addressHmac, Channel channel);

    /** Whether the address may not be contacted on the channel. */
    default boolean suppressed(String addressHmac, Channel channel) {
        return reason(addressHmac, channel).isPresent();
    }
}
