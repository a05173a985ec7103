package dev.kairos.preferences.customers;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The stored preferences of every customer. */
public interface Preferences {

    Optional<CustomerPreferences> find(String customerId);

    /** The customer's document as it was stored, in its public shape, with its version; empty when none. */
    Optional<PreferencesJson> findJson(String customerId);

    /** Locks the customer's preferences until the transaction ends and returns their version; empty when none. */
    OptionalLong lockVersion(String customerId);

    /** Deletes the customer's preferences; returns false when there were none. */
    boolean delete(String customerId);

    /**
     * Stores {@code document} as the customer's next version (1 for a new customer).
     *
     * @return the new version and the text stored, which a read serves
     */
    PreferencesJson store(String customerId, PreferencesDocument document, Instant updatedAt);
}
