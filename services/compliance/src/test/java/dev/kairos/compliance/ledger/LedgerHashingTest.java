package dev.kairos.compliance.ledger;

import static dev.kairos.compliance.ledger.LedgerEntryBuilder.anEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerHashingTest {

    private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void entryHashIsSha256OfTheLengthPrefixedFieldsInTheDocumentedOrder() throws Exception {
        LedgerEntry entry = anEntry().build();

        String expected = sha256Hex(lengthPrefixed("kairos.consent-ledger.entry.v1", "1",
                "6f1c2a7e-0b5d-4c1e-9a43-2f7d8e9b0c11", "c-42", "GRANTED", "SMS", "promotions", "OPT_IN", "FR",
                "WEB_FORM", "1795428930123", "1795428931456", null, "a".repeat(64), "b".repeat(64), "0".repeat(64)));

        assertThat(entry.hash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(entry.isIntact()).isTrue();
    }

    @Test
    void changingAnyHashedFieldChangesTheHash() {
        String original = anEntry().build().hash();

        assertThat(anEntry().sequence(2).build().hash()).isNotEqualTo(original);
        assertThat(anEntry().customerId("c-43").build().hash()).isNotEqualTo(original);
        assertThat(anEntry().purpose("newsletter").build().hash()).isNotEqualTo(original);
        assertThat(anEntry().basis(LegalBasis.SOFT_OPT_IN).build().hash()).isNotEqualTo(original);
        assertThat(anEntry().occurredAt(Instant.parse("2026-11-23T10:15:30.124Z")).build().hash()).isNotEqualTo(original);
        assertThat(anEntry().recordedAt(Instant.parse("2026-11-23T10:15:31.457Z")).build().hash()).isNotEqualTo(original);
        assertThat(anEntry().expiresAt(Instant.parse("2029-11-23T10:15:31Z")).build().hash()).isNotEqualTo(original);
        assertThat(anEntry().previousHash("1".repeat(64)).build().hash()).isNotEqualTo(original);
    }

    @Test
    void anEntryWhoseFieldChangedAfterSealingIsNoLongerIntact() {
        LedgerEntry sealed = anEntry().build();
        LedgerEntry altered = anEntry().purpose("newsletter").unsealed().withHash(sealed.hash());

        assertThat(altered.isIntact()).isFalse();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(anEntry().customerId("c-4").purpose("2promotions").build().hash())
                .isNotEqualTo(anEntry().customerId("c-42").purpose("promotions").build().hash());
    }

    @Test
    void aMissingFieldDiffersFromAnEmptyOne() {
        assertThat(anEntry().jurisdiction(null).build().hash()).isNotEqualTo(anEntry().jurisdiction("").build().hash());
    }

    @Test
    void addressCommitmentIsSha256OfTheSaltThenTheAddress() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(SALT);
        input.writeBytes("+33612345678".getBytes(StandardCharsets.UTF_8));

        assertThat(LedgerHashing.addressCommitment(SALT, "+33612345678")).isEqualTo(sha256Hex(input.toByteArray()));
    }

    @Test
    void evidenceCommitmentIsSha256OfTheSaltThenTheLengthPrefixedEvidence() throws Exception {
        Evidence evidence = new Evidence("WEB_FORM", "signup-v3", "Yes, send me offers.", "3", "203.0.113.7", null);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(SALT);
        input.writeBytes(lengthPrefixed("kairos.consent-ledger.evidence.v2", "WEB_FORM", "signup-v3",
                "Yes, send me offers.", "3", "203.0.113.7", null,
                "5c16de691dcd6135e7d2a5b4332deaff2863b496c09b31e0566ae89a51f383c2", null, null, null));

        assertThat(LedgerHashing.evidenceCommitment(SALT, evidence)).isEqualTo(sha256Hex(input.toByteArray()));
    }

    @Test
    void commitmentsToTheSameAddressUnderDifferentSaltsCannotBeLinked() {
        byte[] otherSalt = SALT.clone();
        otherSalt[0] = 1;

        assertThat(LedgerHashing.addressCommitment(otherSalt, "+33612345678"))
                .isNotEqualTo(LedgerHashing.addressCommitment(SALT, "+33612345678"));
    }

    @Test
    void theFirstEntryLinksToSixtyFourZerosAndTheNextToItsPredecessor() {
        NewEntry grant = new NewEntry("c-42", EntryType.GRANTED, Channel.EMAIL, "promotions", LegalBasis.OPT_IN, "FR",
                "WEB_FORM", Instant.parse("2026-11-23T10:15:30.123456Z"), null, "ada@example.com",
                new Evidence("WEB_FORM", null, null, null, null, null));

        LedgerEntry first = ChainHead.GENESIS.append(grant, UUID.randomUUID(), SALT, Instant.parse("2026-11-23T10:16:00.987654Z")).entry();
        LedgerEntry second = new ChainHead(first.sequence(), first.hash())
                .append(grant, UUID.randomUUID(), SALT, Instant.parse("2026-11-23T10:17:00Z")).entry();

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(first.isIntact()).isTrue();
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(second.isIntact()).isTrue();
    }

    @Test
    void instantsAreKeptToTheMillisecondOfThePublishedRecords() {
        NewEntry grant = new NewEntry("c-42", EntryType.GRANTED, Channel.EMAIL, "promotions", LegalBasis.OPT_IN, null,
                "API", Instant.parse("2026-11-23T10:15:30.123456Z"), null, null, null);

        LedgerEntry entry = ChainHead.GENESIS.append(grant, UUID.randomUUID(), SALT, Instant.parse("2026-11-23T10:16:00.987654Z")).entry();

        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
        assertThat(entry.recordedAt()).isEqualTo(Instant.parse("2026-11-23T10:16:00.987Z"));
        assertThat(entry.addressCommitment()).isNull();
        assertThat(entry.evidenceCommitment()).isNull();
    }

    @Test
    void withoutACollectionTimeTheEventOccurredWhenItWasRecorded() {
        NewEntry withdrawal = new NewEntry("c-42", EntryType.WITHDRAWN, Channel.SMS, "promotions", null, null,
                "API", null, null, "+33612345678", null);

        LedgerEntry entry = ChainHead.GENESIS.append(withdrawal, UUID.randomUUID(), SALT, Instant.parse("2026-11-23T10:16:00Z")).entry();

        assertThat(entry.occurredAt()).isEqualTo(entry.recordedAt());
    }

    private static byte[] lengthPrefixed(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : fields) {
            if (field == null) {
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            } else {
                byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
                out.writeBytes(utf8);
            }
        }
        return out.toByteArray();
    }

    private static String sha256Hex(byte[] input) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
    }
}
