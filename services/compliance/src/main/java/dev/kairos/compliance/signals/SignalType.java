package dev.kairos.compliance.signals;

/** What a channel reported about an address. */
public enum SignalType {
    STOP, HELP, UNSUBSCRIBE, HARD_BOUNCE, COMPLAINT, MAIL_RETURNED
}
