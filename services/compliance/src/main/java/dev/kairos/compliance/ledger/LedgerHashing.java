package dev.kairos.compliance.ledger;

import dev.kairos.ledger.verifier.ChainedFields;
import dev.kairos.ledger.verifier.LedgerEncodings;

/**
 * The hashes and commitments of ledger entries and evidence, computed by the encodings of the ledger
 * verifier ({@link LedgerEncodings}), the same code an auditor runs: a sequence of fields, each a 4-byte
 * big-endian length and UTF-8, named and versioned by its first field. README.md describes them for anyone
 * verifying the ledger without this code.
 */
public final class LedgerHashing {

    private LedgerHashing() {
    }

    /** SHA-256 over the entry's canonical encoding: every field but the hash itself. */
    public static String entryHash(LedgerEntry e) {
        return LedgerEncodings.entryHash(chained(e));
    }

    /** The fields of the entry that its hash covers. */
    static ChainedFields chained(LedgerEntry e) {
        return new ChainedFields(e.sequence(), e.entryId().toString(), e.customerId(), name(e.type()), name(e.channel()),
                e.purpose(), name(e.basis()), e.jurisdiction(), e.source(), e.occurredAt(), e.recordedAt(),
                e.expiresAt(), e.addressCommitment(), e.evidenceCommitment(), e.previousHash());
    }

    /** SHA-256 of the salt followed by the UTF-8 of the (normalised) address. */
    public static String addressCommitment(byte[] salt, String address) {
        return LedgerEncodings.addressCommitment(salt, address);
    }

    /**
     * SHA-256 of the salt followed by the canonical encoding of the evidence: version 4 for records that name
     * their schema version, else version 3 or 2 as they were written, so that older commitments still match.
     */
    public static String evidenceCommitment(byte[] salt, Evidence evidence) {
        return LedgerEncodings.evidenceCommitment(salt, evidence.fields());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
