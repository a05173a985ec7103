package dev.kairos.compliance.ledger;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;
import java.util.UUID;

/** Test data: a sealed ledger entry, with every field settable and the hash computed at the end. */
final class LedgerEntryBuilder {

    private long sequence = 1;
    private UUID entryId = UUID.fromString("6f1c2a7e-0b5d-4c1e-9a43-2f7d8e9b0c11");
    private String customerId = "c-42";
    private EntryType type = EntryType.GRANTED;
    private Channel channel = Channel.SMS;
    private String purpose = "promotions";
    private LegalBasis basis = LegalBasis.OPT_IN;
    private String jurisdiction = "FR";
    private String source = "WEB_FORM";
    private Instant occurredAt = Instant.parse("2026-11-23T10:15:30.123Z");
    private Instant recordedAt = Instant.parse("2026-11-23T10:15:31.456Z");
    private Instant expiresAt;
    private String addressCommitment = "a".repeat(64);
    private String evidenceCommitment = "b".repeat(64);
    private String previousHash = ChainHead.GENESIS.hash();

    static LedgerEntryBuilder anEntry() {
        return new LedgerEntryBuilder();
    }

    LedgerEntryBuilder sequence(long value) { sequence = value; return this; }
    LedgerEntryBuilder customerId(String value) { customerId = value; return this; }
    LedgerEntryBuilder purpose(String value) { purpose = value; return this; }
    LedgerEntryBuilder basis(LegalBasis value) { basis = value; return this; }
    LedgerEntryBuilder jurisdiction(String value) { jurisdiction = value; return this; }
    LedgerEntryBuilder occurredAt(Instant value) { occurredAt = value; return this; }
    LedgerEntryBuilder recordedAt(Instant value) { recordedAt = value; return this; }
    LedgerEntryBuilder expiresAt(Instant value) { expiresAt = value; return this; }
    LedgerEntryBuilder previousHash(String value) { previousHash = value; return this; }

    /** Links the entry after {@code previous}. */
    LedgerEntryBuilder after(LedgerEntry previous) {
        sequence = previous.sequence() + 1;
        previousHash = previous.hash();
        return this;
    }

    LedgerEntry unsealed() {
        return new LedgerEntry(sequence, entryId, customerId, type, channel, purpose, basis, jurisdiction, source,
                occurredAt, recordedAt, expiresAt, addressCommitment, evidenceCommitment, previousHash, null);
    }

    LedgerEntry build() {
        LedgerEntry unsealed = unsealed();
        return unsealed.withHash(LedgerHashing.entryHash(unsealed));
    }
}
