package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.EntryType;

/** What a customer did about a consent. */
public enum ConsentAction {
    GRANT, WITHDRAW;

    /** The ledger entry that records the action; a double opt-in grant waits for its confirmation. */
    public EntryType entryType(boolean doubleOptIn) {
        return switch (this) {
            case GRANT -> doubleOptIn ? EntryType.PENDING_CONFIRMATION : EntryType.GRANTED;
            case WITHDRAW -> EntryType.WITHDRAWN;
        };
    }
}
