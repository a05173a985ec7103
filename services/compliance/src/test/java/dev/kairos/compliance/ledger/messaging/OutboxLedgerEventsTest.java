package dev.kairos.compliance.ledger.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.ChainHead;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxLedgerEventsTest {

    @Test
    void aLedgerEntryIsPublishedWithEveryChainedFieldAndNoPersonalOne() {
        LedgerEntry entry = ChainHead.GENESIS.append(new NewEntry("c-42", EntryType.GRANTED, Channel.SMS, "promotions",
                        LegalBasis.OPT_IN, "FR", "WEB_FORM", Instant.parse("2026-11-23T10:15:30.123Z"),
                        Instant.parse("2029-11-23T10:15:30Z"), "+33612345678",
                        new Evidence("WEB_FORM", "signup-v3", null, "3", "203.0.113.7", null)),
                UUID.randomUUID(), new byte[32], Instant.parse("2026-11-23T10:15:31Z")).entry();

        byte[] encoded = KairosSerdes.consentLedgerEntry().encode(OutboxLedgerEvents.record(entry, "event-1"));
        ConsentLedgerEntry published = KairosSerdes.consentLedgerEntry().decode(encoded);

        assertThat(published.getEventId()).isEqualTo("event-1");
        assertThat(published.getEntryId()).isEqualTo(entry.entryId().toString());
        assertThat(published.getSequence()).isEqualTo(1);
        assertThat(published.getCustomerId()).isEqualTo("c-42");
        assertThat(published.getType()).isEqualTo(LedgerEntryType.GRANTED);
        assertThat(published.getChannel()).isEqualTo(dev.kairos.proto.common.Channel.SMS);
        assertThat(published.getPurpose()).isEqualTo("promotions");
        assertThat(published.getBasis()).isEqualTo(dev.kairos.proto.compliance.LegalBasis.OPT_IN);
        assertThat(published.getJurisdiction()).isEqualTo("FR");
        assertThat(published.getSource()).isEqualTo("WEB_FORM");
        assertThat(published.getOccurredAt()).isEqualTo(entry.occurredAt());
        assertThat(published.getRecordedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:31Z"));
        assertThat(published.getExpiresAt()).isEqualTo(entry.expiresAt());
        assertThat(published.getAddressCommitment()).isEqualTo(entry.addressCommitment());
        assertThat(published.getEvidenceCommitment()).isEqualTo(entry.evidenceCommitment());
        assertThat(published.getPreviousHash()).isEqualTo(entry.previousHash());
        assertThat(published.getHash()).isEqualTo(entry.hash());
        assertThat(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("33612345678").doesNotContain("203.0.113.7");
    }

    @Test
    void everyEntryTypeAndBasisHasItsPublishedCounterpart() {
        for (EntryType type : EntryType.values()) {
            assertThat(LedgerEntryType.valueOf(type.name())).isNotNull();
        }
        for (LegalBasis basis : LegalBasis.values()) {
            assertThat(dev.kairos.proto.compliance.LegalBasis.valueOf(basis.name())).isNotNull();
        }
        for (Channel channel : Channel.values()) {
            assertThat(dev.kairos.proto.common.Channel.valueOf(channel.name())).isNotNull();
        }
    }
}
