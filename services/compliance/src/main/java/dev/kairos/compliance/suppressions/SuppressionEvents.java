package dev.kairos.compliance.suppressions;

/** Announces suppressions to dispatch, in the transaction that makes the change. */
public interface SuppressionEvents {

    void suppressed(Suppression suppression);

    /** The address may be contacted again (a tombstone under its HMAC). */
    void lifted(String addressHmac);
}
