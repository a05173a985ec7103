package dev.kairos.compliance.consents;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The current consents of every customer. */
public interface Consents {

    /** Bumps the customer's snapshot version (holding the customer's row until the transaction ends). */
    long nextVersion(String customerId, Instant updatedAt);

    /** Replaces the customer's consent for the consent's channel and purpose. */
    void save(String customerId, Consent consent);

    /**
     * Bumps the snapshot version of each customer, as {@link #nextVersion} does, in one statement.
     *
     * @return each customer's new version
     */
    Map<String, Long> nextVersions(Collection<String> customerIds, Instant updatedAt);

    /** Replaces each customer's consents for their channels and purposes, in one batch. */
    void saveAll(Map<String, List<Consent>> consentsByCustomer);

    /** The consents of each customer, by channel then purpose (customers with none are absent). */
    Map<String, List<Consent>> of(Collection<String> customerIds);

    /** Customers with an active consent whose expiry is at or before {@code instant}, at most {@code limit}. */
    List<String> customersWithExpiryDue(Instant instant, int limit);

    /** The customer's consents, by channel then purpose. */
    List<Consent> of(String customerId);
}
