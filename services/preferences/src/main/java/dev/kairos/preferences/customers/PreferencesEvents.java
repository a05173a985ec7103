package dev.kairos.preferences.customers;

/** Where preference changes are announced; called inside the transaction that stores the change. */
public interface PreferencesEvents {

    void preferencesChanged(PreferencesChanged event);

    /** The customer was erased: whatever replicated their preferences must forget them. */
    void preferencesErased(String customerId, String eventId);
}
