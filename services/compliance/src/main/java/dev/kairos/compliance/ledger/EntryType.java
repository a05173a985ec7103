package dev.kairos.compliance.ledger;

/** What a ledger entry records; an entry is never changed, a correction is a new entry. */
public enum EntryType {
    GRANTED, PENDING_CONFIRMATION, CONFIRMED, REFUSED, WITHDRAWN, EXPIRED, EXTENDED
}
