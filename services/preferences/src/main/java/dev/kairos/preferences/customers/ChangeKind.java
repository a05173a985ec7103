package dev.kairos.preferences.customers;

/** Where a change of preferences came from; counted by kind, never by customer. */
public enum ChangeKind {
    /** A full document written through the REST API. */
    API,
    /** Saved on the preference centre page. */
    PREFERENCE_CENTRE,
    /** "Fewer messages instead" chosen on the unsubscribe page. */
    FEWER_MESSAGES,
    /** A new email address or phone number confirmed through the link sent to it. */
    CONTACT_CONFIRMED
}
