package dev.kairos.preferences.customers;

/** A customer's preferences were stored as a new version. */
public record PreferencesChanged(String eventId, CustomerPreferences preferences, ChangeKind kind) {
}
