package dev.kairos.ledger.verifier;

import java.time.Instant;

/**
 * The fields of a ledger entry that its hash covers, in the order they are encoded: everything but the hash.
 * Enumerations are given by name, the entry id in its canonical lower-case form.
 */
public record ChainedFields(long sequence, String entryId, String customerId, String type, String channel,
                            String purpose, String basis, String jurisdiction, String source, Instant occurredAt,
                            Instant recordedAt, Instant expiresAt, String addressCommitment,
                            String evidenceCommitment, String previousHash) {
}
