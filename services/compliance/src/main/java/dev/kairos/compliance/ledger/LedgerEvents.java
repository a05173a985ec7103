package dev.kairos.compliance.ledger;

/** Announces ledger entries to other services, in the transaction that appends them. */
public interface LedgerEvents {

    void appended(LedgerEntry entry);
}
