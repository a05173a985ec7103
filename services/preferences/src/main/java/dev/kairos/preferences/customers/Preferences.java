package dev.kairos.preferences.customers;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The stored preferences of every customer. */
public interface Preferences {

    Optional<CustomerPreferences> find(String customerId);

    /** Locks the customer's preferences until the transaction ends and returns their version; empty when none. */
    OptionalLong lockVersion(String customerId);

    /** Stores {@code document} as the customer's next version (1 for a new customer) and returns what was stored. */
    /** Deletes the customer's preferences; returns false when there were none. */
    boolean delete(String customerId);

    CustomerPreferences store(String customerId, PreferencesDocument document, Instant updatedAt);
}
