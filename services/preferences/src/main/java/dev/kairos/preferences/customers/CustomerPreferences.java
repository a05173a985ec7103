package dev.kairos.preferences.customers;

import java.time.Instant;

/** The stored preferences of one customer; {@code version} starts at 1 and grows by one with each change. */
public record CustomerPreferences(String customerId, long version, Instant updatedAt, PreferencesDocument document) {
}
