package dev.kairos.dispatch.decision;

/** Why an address is on the do-not-contact list, as compliance announced it. */
public enum SuppressionReason { HARD_BOUNCE, COMPLAINT, MAIL_RETURNED, ERASURE, MANUAL, STOP_KEYWORD }
