package dev.kairos.compliance.consents;

import java.time.Instant;
import java.util.List;

/** The current consents of every customer. */
public interface Consents {

    /** Bumps the customer's snapshot version (holding the customer's row until the transaction ends). */
    long nextVersion(String customerId, Instant updatedAt);

    /** Replaces the customer's consent for the consent's channel and purpose. */
    void save(String customerId, Consent consent);

    /** The customer's consents, by channel then purpose. */
    List<Consent> of(String customerId);
}
