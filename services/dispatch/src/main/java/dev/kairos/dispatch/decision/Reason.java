package dev.kairos.dispatch.decision;

/** Why a message was not sent now; the stable codes of the public API. */
public enum Reason {
    NO_CONSENT, CONSENT_WITHDRAWN, CONSENT_EXPIRED, ADDRESS_CHANGED, SUPPRESSED, NO_REACHABLE_CHANNEL,
    TOPIC_OPTED_OUT, PAUSED, FREQUENCY_CAP, QUIET_HOURS, SEND_WINDOW, LEGAL_HOURS, EXPIRED, DUPLICATE,
    INVALID_REQUEST,
    /** A subject, text or html part is not a valid template, or names a template store that does not exist. */
    INVALID_TEMPLATE,
    /** Deciding or rendering failed for a cause no other code names; the engine went on with the next request. */
    RENDER_FAILED,
    /** The rendered send is larger than a record the broker accepts. */
    TOO_LARGE
}
