package dev.kairos.compliance.rules;

/**
 * Where a consent change came from. It is not recorded and the grant policy ignores it: the same grant gets the
 * same verdict whichever way it came in. It says which adapter translated the change, and so whether the
 * customer is told of it (an acknowledgement follows the customer's own acts).
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
    /** A catalogue change: a MARKETING purpose new to the catalogue, withdrawn for an earlier mailto unsubscribe. */
    CATALOGUE,
    /** The click that confirms a double opt-in. */
    CONFIRMATION,
    /** A consent's lifetime running out. */
    EXPIRY
}
