package dev.kairos.compliance.consents;

import java.time.Instant;
import java.util.List;

/** The current consents of every customer. */
public interface Consents {

    /** Bumps the customer's snapshot version (holding the customer's row until the transaction ends). */
    long nextVersion(String customerId, Instant updatedAt);

    /** Replaces the customer's consent for the consent's channel and purpose. */
    void save(String customerId, Consent consent);

    /** Customers with an active consent whose expiry is at or before {@code instant}, at most {@code limit}. */
    List<String> customersWithExpiryDue(Instant instant, int limit);

    /** The customer's consents, by channel then purpose. */
    List<Consent> of(String customerId);
}
