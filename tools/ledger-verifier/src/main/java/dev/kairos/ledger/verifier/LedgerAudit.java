package dev.kairos.ledger.verifier;

import dev.kairos.ledger.verifier.Finding.Kind;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Walks the ledger in sequence order and stops at the first thing that does not hold: a checkpoint not signed
 * by the checkpoint key, a broken chain, evidence or an address that is not what its entry committed to, an
 * entry whose hash is not the one a signed checkpoint recorded for its sequence (the chain was rewritten
 * and hashed again), or, at the end, a signed checkpoint beyond the last entry (the tail was cut).
 *
 * <p>Which checkpoints apply: those made before {@code coveredUntil}, the end of the exported range (every
 * entry up to a checkpoint's sequence was recorded by the checkpoint's time); all of them when it is null.
 */
public final class LedgerAudit {

    /** What the first entry links to. */
    public static final String GENESIS = "0".repeat(64);

    private final TreeMap<Long, List<Checkpoint>> checkpoints = new TreeMap<>();
    private int checkpointsChecked;
    private Finding finding;
    private long entriesChecked;
    private long evidenceChecked;
    private long addressesChecked;
    private Long lastSequence;
    private String lastHash;

    public LedgerAudit(Collection<Checkpoint> published, PublicKey key, Instant coveredUntil) {
        for (Checkpoint checkpoint : published.stream().sorted(Comparator.comparingLong(Checkpoint::sequence)).toList()) {
            if (!checkpoint.isSignedBy(key)) {
                finding = new Finding(Kind.CHECKPOINT_SIGNATURE_INVALID, checkpoint.sequence(),
                        "the checkpoint of " + checkpoint.checkpointedAt() + " is not signed by the checkpoint key");
                return;
            }
            if (coveredUntil == null || checkpoint.checkpointedAt().isBefore(coveredUntil)) {
                checkpoints.computeIfAbsent(checkpoint.sequence(), s -> new ArrayList<>()).add(checkpoint);
            }
        }
    }

    /** Checks the next entry; returns whether to go on (false once something did not hold). */
    public boolean check(AuditedEntry entry) {
        if (finding != null) {
            return false;
        }
        entriesChecked++;
        long sequence = entry.sequence();
        boolean linked = lastSequence == null
                ? sequence != 1 || GENESIS.equals(entry.previousHash())
                : sequence == lastSequence + 1 && lastHash.equals(entry.previousHash());
        if (!linked) {
            return found(Kind.CHAIN_BROKEN, sequence, "the entry does not follow its predecessor");
        }
        if (!entry.hash().equals(entry.recomputedHash())) {
            return found(Kind.CHAIN_BROKEN, sequence, "the stored hash is not the hash of the entry's fields");
        }
        if (entry.recomputedEvidenceCommitment() != null) {
            evidenceChecked++;
            if (!entry.recomputedEvidenceCommitment().equals(entry.evidenceCommitment())) {
                return found(Kind.EVIDENCE_EDITED, sequence, "the evidence is not what the entry committed to");
            }
        }
        if (entry.recomputedAddressCommitment() != null) {
            addressesChecked++;
            if (!entry.recomputedAddressCommitment().equals(entry.addressCommitment())) {
                return found(Kind.ADDRESS_EDITED, sequence, "the address is not what the entry committed to");
            }
        }
        for (Checkpoint checkpoint : checkpoints.getOrDefault(sequence, List.of())) {
            checkpointsChecked++;
            if (!checkpoint.headHash().equals(entry.hash())) {
                return found(Kind.CHECKPOINT_MISMATCH, sequence,
                        "the checkpoint of " + checkpoint.checkpointedAt() + " signed another hash for this entry");
            }
        }
        lastSequence = sequence;
        lastHash = entry.hash();
        return true;
    }

    /** The outcome, once every entry was checked (or the walk stopped). */
    public Report finish() {
        if (finding == null && !checkpoints.isEmpty()) {
            long reached = lastSequence == null ? 0 : lastSequence;
            long signed = checkpoints.lastKey();
            if (signed > reached) {
                found(Kind.TAIL_CUT, reached + 1, "a checkpoint of " + checkpoints.lastEntry().getValue().get(0).checkpointedAt()
                        + " signed entry " + signed + ", the ledger ends at " + reached);
            }
        }
        return new Report(finding == null, entriesChecked, evidenceChecked, addressesChecked, checkpointsChecked, finding);
    }

    private boolean found(Kind kind, long sequence, String detail) {
        finding = new Finding(kind, sequence, detail);
        return false;
    }

    /**
     * @param evidenceChecked    evidence commitments recomputed (erased evidence has none to recompute)
     * @param checkpointsChecked signed checkpoints compared with the entry of their sequence
     * @param finding            the first thing that did not hold, {@code null} when everything holds
     */
    public record Report(boolean valid, long entriesChecked, long evidenceChecked, long addressesChecked,
                         int checkpointsChecked, Finding finding) {
    }
}
