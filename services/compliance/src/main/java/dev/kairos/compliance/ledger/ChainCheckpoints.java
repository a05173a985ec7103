package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.Checkpoint;
import java.util.List;

/** The stored checkpoints of the chain. Checkpoints are only ever added. */
public interface ChainCheckpoints {

    /** @return false when the same checkpoint (sequence and time) was stored already */
    boolean add(Checkpoint checkpoint);

    /** Every checkpoint, by sequence then time. */
    List<Checkpoint> all();
}
