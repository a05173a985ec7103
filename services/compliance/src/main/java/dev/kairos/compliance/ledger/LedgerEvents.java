package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.Checkpoint;
import java.util.List;

/** Announces ledger entries and checkpoints to other services, in the transaction that records them. */
public interface LedgerEvents {

    /** Announces the entries, in sequence order. */
    void appended(List<LedgerEntry> entries);

    /** Announces a signed checkpoint of the chain's head, so that copies exist outside the database (ADR 0024). */
    void checkpointed(Checkpoint checkpoint);
}
