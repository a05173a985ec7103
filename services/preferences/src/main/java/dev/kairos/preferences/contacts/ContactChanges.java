package dev.kairos.preferences.contacts;

import java.time.Instant;
import java.util.Optional;

/** The pending contact changes, one per customer and channel at most. */
public interface ContactChanges {

    /**
     * Stores {@code change}, replacing the customer's pending change of the same channel (whose link then no
     * longer works), and forgets every change that expired before {@code change} was asked.
     */
    void hold(ContactChange change);

    /**
     * Removes and returns the customer's pending change that {@code nonce} names, so it can be applied once;
     * empty when it was already applied, replaced, purged, or is another customer's.
     */
    Optional<ContactChange> take(String customerId, String nonce);

    /** Forgets changes that expired before {@code now}: a new address nobody confirmed is not kept. */
    int purgeExpired(Instant now);
}
