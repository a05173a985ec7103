package dev.kairos.dispatch.engine;

/** Names of the state stores of the decision application (they also name their changelog topics). */
final class StoreNames {

    static final String REQUEST_IDS = "request-ids";
    static final String PREFERENCES = "contact-preferences";
    static final String CONSENTS = "consents";
    static final String CATALOGUE = "topic-catalogue";
    static final String SUPPRESSIONS = "suppressions";
    static final String TEMPLATES = "templates";
    static final String MESSAGE_STATUS = "message-status";
    static final String SEND_HISTORY = "send-history";
    static final String SCHEDULES = "schedules";
    static final String DIGEST_ITEMS = "digest-items";
    static final String DIGEST_DUE = "digest-due";
    static final String DIGEST_MEMBERS = "digest-members";

    private StoreNames() {
    }
}
