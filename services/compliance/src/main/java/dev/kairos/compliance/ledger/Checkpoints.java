package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.Checkpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs the chain's head, stores the checkpoint and publishes it on the ledger topic in the same transaction
 * (ADR 0024): whenever an append crosses a multiple of {@code every} entries, and every hour. A checkpoint
 * signed with a key the database does not hold shows a rewrite of the chain, a re-hash or a cut tail; its
 * published copy survives whoever rewrites the database.
 */
@Service
public class Checkpoints {

    private final ChainCheckpoints stored;
    private final LedgerEvents events;
    private final CheckpointKey key;
    private final LedgerEntries entries;
    private final Clock clock;
    private final long every;

    Checkpoints(ChainCheckpoints stored, LedgerEvents events, CheckpointKey key, LedgerEntries entries, Clock clock,
                @Value("${kairos.compliance.checkpoints.every:1000}") long every) {
        if (every < 1) {
            throw new IllegalStateException("kairos.compliance.checkpoints.every must be at least 1, not " + every);
        }
        this.stored = stored;
        this.events = events;
        this.key = key;
        this.entries = entries;
        this.clock = clock;
        this.every = every;
    }

    /** After an append under the lock: a checkpoint of the new head when the append crossed a multiple of {@code every}. */
    @Transactional(propagation = Propagation.MANDATORY)
    void appended(ChainHead before, ChainHead after, Instant at) {
        if (after.sequence() / every > before.sequence() / every) {
            checkpoint(after, at);
        }
    }

    /** The hourly checkpoint of the head, under the append lock so that the head cannot move meanwhile. */
    @Scheduled(cron = "${kairos.compliance.checkpoints.cron:0 0 * * * *}", zone = "UTC")
    @Transactional
    public void checkpointHead() {
        ChainHead head = entries.lockHead();
        if (head.sequence() > 0) {
            checkpoint(head, clock.instant());
        }
    }

    private void checkpoint(ChainHead head, Instant at) {
        Checkpoint checkpoint = key.sign(head, at);
        if (stored.add(checkpoint)) {
            events.checkpointed(checkpoint);
        }
    }

    @Transactional(readOnly = true)
    public List<Checkpoint> all() {
        return stored.all();
    }
}
