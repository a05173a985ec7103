package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.List;

/** What becomes of a request. */
public sealed interface Decision {

    /** Send now on each of these channels. {@code notUsed} says why other candidate channels were passed over. */
    record Send(List<Delivery> deliveries, List<Reason> notUsed) implements Decision {
    }

    /** A channel, the address to use on it, and the consent-ledger entry relied on (null when none was needed). */
    record Delivery(Channel channel, String address, String consentEntryId) {
    }

    /**
     * Decide again at {@code at}: the earliest instant the moment and frequency rules allow. {@code channel}
     * is the channel it would go on (null when it goes on all).
     */
    record Schedule(Instant at, List<Reason> reasons, Channel channel) implements Decision {
    }

    /**
     * Hold for the customer's digest of the topic, due at {@code at}, on each of these channels; the item is
     * checked again when the digest goes.
     */
    record QueueForDigest(List<Delivery> deliveries, Instant at) implements Decision {
    }

    record Suppress(List<Reason> reasons, String consentEntryId) implements Decision {
    }

    record Expire() implements Decision {
    }

    record Reject(List<Reason> reasons, String detail) implements Decision {
    }
}
