package dev.kairos.compliance.ledger;

import java.util.List;

/** Announces ledger entries to other services, in the transaction that appends them. */
public interface LedgerEvents {

    /** Announces the entries, in sequence order. */
    void appended(List<LedgerEntry> entries);
}
