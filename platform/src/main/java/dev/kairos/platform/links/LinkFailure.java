package dev.kairos.platform.links;

/** Why a link was refused. Low-cardinality: used as a metric tag. */
public enum LinkFailure {
    /** Not a token of this format: truncated, not base64url, unknown version or purpose. */
    MALFORMED,
    /** Signed with a key id this service does not know (retired, or never issued here). */
    UNKNOWN_KEY,
    /** The signature does not match: the token was altered. */
    BAD_SIGNATURE,
    /** Authentic, but signed by an issuer that may not sign links of this purpose. */
    FOREIGN_PURPOSE
}
