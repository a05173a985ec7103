package dev.kairos.preferences.consents;

import java.util.List;

/** The customers' consents as the latest snapshot of compliance's ledger has them. */
public interface LedgerConsents {

    /**
     * Replaces the customer's consents by those of the snapshot at {@code version}.
     *
     * @return false when a snapshot of this version or a newer one is already held: nothing changed
     */
    boolean replace(String customerId, long version, List<LedgerConsent> consents);

    /** Forgets the customer (a tombstone after their erasure). */
    void forget(String customerId);

    /** The customer's consents, none when no snapshot arrived. */
    List<LedgerConsent> of(String customerId);
}
