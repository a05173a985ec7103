package dev.kairos.dispatch.decision;

/** Why a message was not sent now; the stable codes of the public API. */
public enum Reason {
    NO_CONSENT, CONSENT_WITHDRAWN, CONSENT_EXPIRED, ADDRESS_CHANGED, SUPPRESSED, NO_REACHABLE_CHANNEL,
    TOPIC_OPTED_OUT, PAUSED, FREQUENCY_CAP, QUIET_HOURS, SEND_WINDOW, LEGAL_HOURS, EXPIRED, DUPLICATE,
    INVALID_REQUEST
}
