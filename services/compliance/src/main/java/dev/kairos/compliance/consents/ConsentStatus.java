package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.EntryType;

/** Where a consent for one channel and purpose stands. */
public enum ConsentStatus {
    ACTIVE, PENDING_CONFIRMATION, WITHDRAWN, EXPIRED;

    /** The status that the latest ledger entry of a channel and purpose leaves. */
    public static ConsentStatus after(EntryType latest) {
        return switch (latest) {
            case GRANTED, CONFIRMED, EXTENDED -> ACTIVE;
            case PENDING_CONFIRMATION -> PENDING_CONFIRMATION;
            case WITHDRAWN, REFUSED -> WITHDRAWN;
            case EXPIRED -> EXPIRED;
        };
    }
}
