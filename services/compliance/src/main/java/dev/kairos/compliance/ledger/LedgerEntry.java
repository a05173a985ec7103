package dev.kairos.compliance.ledger;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the consent ledger as the chain holds it: personal fields only as salted commitments.
 * Its {@code hash} covers every other field, {@code previousHash} included, so changing any entry breaks
 * the chain from that entry on.
 */
public record LedgerEntry(long sequence, UUID entryId, String customerId, EntryType type, Channel channel,
                          String purpose, LegalBasis basis, String jurisdiction, String source,
                          Instant occurredAt, Instant recordedAt, Instant expiresAt,
                          String addressCommitment, String evidenceCommitment,
                          String previousHash, String hash) {

    /** Whether the stored hash is the hash of the entry's fields. */
    public boolean isIntact() {
        return hash.equals(LedgerHashing.entryHash(this));
    }

    LedgerEntry withHash(String newHash) {
        return new LedgerEntry(sequence, entryId, customerId, type, channel, purpose, basis, jurisdiction, source,
                occurredAt, recordedAt, expiresAt, addressCommitment, evidenceCommitment, previousHash, newHash);
    }
}
