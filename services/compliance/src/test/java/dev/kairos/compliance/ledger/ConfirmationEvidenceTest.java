package dev.kairos.compliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The double opt-in steps in a confirmation's evidence, and what they do to its commitment. */
class ConfirmationEvidenceTest {

    private static final byte[] SALT = new byte[32];
    private static final Instant SENT = Instant.parse("2026-11-24T09:00:00.123456Z");
    private static final Instant CLICKED = Instant.parse("2026-11-25T18:30:00.5Z");
    private static final Evidence PAGE = new Evidence("CONFIRMATION_LINK", null, null, null, "198.51.100.9", "Mozilla/5.0");

    @Test
    void evidenceWithBothStepsIsEncodedAsVersionThreeAfterTheFieldsOfVersionTwo() throws Exception {
        Evidence confirmed = new Evidence("CONFIRMATION_LINK", null, null, null, "198.51.100.9", "Mozilla/5.0", null, "Acme",
                null, null).withConfirmation(SENT, CLICKED, "n0nce");
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(SALT);
        input.writeBytes(lengthPrefixed("kairos.consent-ledger.evidence.v3", "CONFIRMATION_LINK", null, null, null,
                "198.51.100.9", "Mozilla/5.0", null, "Acme", null, null,
                Long.toString(SENT.toEpochMilli()), Long.toString(CLICKED.toEpochMilli()), "n0nce"));

        assertThat(LedgerHashing.evidenceCommitment(SALT, confirmed)).isEqualTo(sha256Hex(input.toByteArray()));
    }

    @Test
    void evidenceWithoutThemKeepsTheCommitmentItHadBeforeTheyExisted() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(SALT);
        input.writeBytes(lengthPrefixed("kairos.consent-ledger.evidence.v2", "CONFIRMATION_LINK", null, null, null,
                "198.51.100.9", "Mozilla/5.0", null, null, null, null));

        assertThat(LedgerHashing.evidenceCommitment(SALT, PAGE)).isEqualTo(sha256Hex(input.toByteArray()));
        assertThat(PAGE.withConfirmation(null, null, null)).isEqualTo(PAGE);
    }

    @Test
    void eachStepIsCommittedTo() {
        String commitment = LedgerHashing.evidenceCommitment(SALT, PAGE.withConfirmation(SENT, CLICKED, "n0nce"));

        assertThat(LedgerHashing.evidenceCommitment(SALT, PAGE.withConfirmation(SENT.plusMillis(1), CLICKED, "n0nce")))
                .isNotEqualTo(commitment);
        assertThat(LedgerHashing.evidenceCommitment(SALT, PAGE.withConfirmation(SENT, CLICKED.plusMillis(1), "n0nce")))
                .isNotEqualTo(commitment);
        assertThat(LedgerHashing.evidenceCommitment(SALT, PAGE.withConfirmation(SENT, CLICKED, "other")))
                .isNotEqualTo(commitment);
    }

    @Test
    void theRecordStampKeepsBothSteps() {
        Evidence stamped = PAGE.withConfirmation(SENT, CLICKED, "n0nce")
                .recordedFor(new Evidence.RecordContext("Acme", "dpo@acme.example", "https://acme.example/privacy", "7"));

        assertThat(stamped.confirmationSentAt()).isEqualTo(SENT);
        assertThat(stamped.confirmationClickedAt()).isEqualTo(CLICKED);
        assertThat(stamped.confirmationNonce()).isEqualTo("n0nce");
        assertThat(stamped.controller()).isEqualTo("Acme");
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
