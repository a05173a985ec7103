package dev.kairos.compliance.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The last entry of the chain: the next entry takes the following sequence and links to this hash. */
public record ChainHead(long sequence, String hash) {

    /** What the first entry links to: 64 zeros. */
    public static final ChainHead GENESIS = new ChainHead(0, "0".repeat(64));

    /**
     * Seals the next entry of the chain. Instants are cut to milliseconds, the precision of the
     * published records, so that anyone can recompute the hash from them.
     */
    public Appended append(NewEntry entry, UUID entryId, byte[] salt, Instant recordedAt) {
        Instant recorded = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        Instant occurred = entry.occurredAt() == null ? recorded : entry.occurredAt().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = entry.expiresAt() == null ? null : entry.expiresAt().truncatedTo(ChronoUnit.MILLIS);
        String addressCommitment = entry.address() == null ? null : LedgerHashing.addressCommitment(salt, entry.address());
        String evidenceCommitment = entry.evidence() == null ? null : LedgerHashing.evidenceCommitment(salt, entry.evidence());
        LedgerEntry unsealed = new LedgerEntry(sequence + 1, entryId, entry.customerId(), entry.type(), entry.channel(),
                entry.purpose(), entry.basis(), entry.jurisdiction(), entry.source(), occurred, recorded, expires,
                addressCommitment, evidenceCommitment, hash, null);
        LedgerEntry sealed = unsealed.withHash(LedgerHashing.entryHash(unsealed));
        return new Appended(sealed, new PersonalData(entryId, salt.clone(), entry.address(), entry.evidence()));
    }

    /** A sealed entry and the personal data its commitments refer to. */
    public record Appended(LedgerEntry entry, PersonalData personalData) {
    }
}
