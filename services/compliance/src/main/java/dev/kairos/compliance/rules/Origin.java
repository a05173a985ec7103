package dev.kairos.compliance.rules;

/**
 * Where a consent change came from. It is recorded for nothing and decides nothing: the same grant gets the
 * same verdict whichever way it came in; it says which adapter translated it.
 */
public enum Origin {
    /** {@code POST /api/v1/consents}. */
    API,
    /** A submission from a preferences page. */
    PAGE,
    /** A customer activity that extends or implies consent. */
    ACTIVITY,
    /** A channel signal: STOP, mailto unsubscribe. */
    SIGNAL,
    /** The click that confirms a double opt-in. */
    CONFIRMATION,
    /** A consent's lifetime running out. */
    EXPIRY
}
