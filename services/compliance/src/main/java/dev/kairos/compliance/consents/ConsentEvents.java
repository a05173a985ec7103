package dev.kairos.compliance.consents;


/** Announces each customer's consents after a change, in the transaction that makes it. */
public interface ConsentEvents {

    void changed(CustomerConsents consents);

    /**
     * Ends the customer's snapshots after an erasure: a tombstone under their key, so that compaction drops
     * the snapshots before it, which held their addresses.
     */
    void forgotten(String customerId);

}
