package dev.kairos.compliance.suppressions;

/** Why an address must not be contacted. */
public enum SuppressionReason {
    HARD_BOUNCE, COMPLAINT, MAIL_RETURNED, ERASURE, MANUAL, STOP_KEYWORD
}
