package dev.kairos.preferences.customers;

/** Where preference changes are announced; called inside the transaction that stores the change. */
public interface PreferencesEvents {

    void preferencesChanged(PreferencesChanged event);
}
