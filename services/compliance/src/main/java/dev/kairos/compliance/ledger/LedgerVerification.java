package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.AuditedEntry;
import dev.kairos.ledger.verifier.LedgerAudit;
import dev.kairos.ledger.verifier.LedgerAudit.Report;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies the ledger as an outsider would, with the verifier's own code: the chain, every evidence and address
 * commitment still backed by personal data, and the stored signed checkpoints (ADR 0024).
 */
@Service
public class LedgerVerification {

    private final LedgerEntries entries;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;
    private final MeterRegistry meters;

    LedgerVerification(LedgerEntries entries, Checkpoints checkpoints, CheckpointKey key, MeterRegistry meters) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.key = key;
        this.meters = meters;
    }

    /**
     * Reads the checkpoints before the entries: every checkpoint read names entries committed before it, so the
     * entries read next include them and a checkpoint made meanwhile is no false "tail cut".
     */
    @Transactional(readOnly = true)
    public Report verify() {
        Timer.Sample sample = Timer.start(meters);
        LedgerAudit audit = new LedgerAudit(checkpoints.all(), key.publicKey(), null);
        entries.forEachRecordedInOrder(recorded -> audit.check(audited(recorded)));
        Report result = audit.finish();
        sample.stop(Timer.builder("kairos.compliance.ledger.verifications")
                .description("Verifications of the whole ledger, by outcome (valid or invalid) and, when invalid, what was found")
                // outcome keeps its two values, which alerts match; finding names the kind (evidence_edited, tail_cut...).
                .tag("outcome", result.valid() ? "valid" : "invalid")
                .tag("finding", result.valid() ? "none" : result.finding().kind().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters));
        return result;
    }

    /** The entry with its hash and commitments recomputed; a commitment whose personal data was erased is not. */
    static AuditedEntry audited(RecordedEntry recorded) {
        LedgerEntry e = recorded.entry();
        byte[] salt = recorded.salt();
        return new AuditedEntry(e.sequence(), e.previousHash(), e.hash(), LedgerHashing.entryHash(e),
                e.evidenceCommitment(),
                salt == null || recorded.evidence() == null ? null : LedgerHashing.evidenceCommitment(salt, recorded.evidence()),
                e.addressCommitment(),
                salt == null || recorded.address() == null ? null : LedgerHashing.addressCommitment(salt, recorded.address()));
    }
}
