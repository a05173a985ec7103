package dev.kairos.ledger.verifier;

/**
 * An entry as stored, with what its hash and commitments recompute to. A recomputed commitment is
 * {@code null} when there is nothing to recompute it from: no commitment, or personal data erased.
 */
public record AuditedEntry(long sequence, String previousHash, String hash, String recomputedHash,
                           String evidenceCommitment, String recomputedEvidenceCommitment,
                           String addressCommitment, String recomputedAddressCommitment) {
}
