package dev.kairos.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone verifier, run as an auditor runs it, on an export that was or was not tampered with. */
class VerifyLedgerExportTest {

    private static final Instant AFTER_ALL = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void anUntouchedExportHolds() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);

        assertThat(run(ledger, AFTER_ALL)).as(this::printed).isEqualTo(VerifyLedgerExport.VALID);
        assertThat(printed()).as(printed()).startsWith("VALID: 7 entries, 7 evidence and 7 address commitments recomputed, 2 checkpoints matched");
    }

    @Test
    void editedEvidenceIsFoundAtItsEntry() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);
        ledger.evidence(5).put("noticeText", "I agree to receive offers by text message, and to be called");

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 5: EVIDENCE_EDITED");
    }

    @Test
    void anEditedIso27560FieldIsEditedEvidence() throws Exception {
        SignedLedger ledger = SignedLedger.of(4, 2);
        ledger.evidence(2).put("privacyPolicyVersion", "2027-01");

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 2: EVIDENCE_EDITED");
    }

    @Test
    void anEditedAddressIsFound() throws Exception {
        SignedLedger ledger = SignedLedger.of(4, 2);
        ledger.entries.get(2).put("address", "+33699999999");

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 3: ADDRESS_EDITED");
    }

    @Test
    void anEditedEntryThatWasNotHashedAgainBreaksTheChain() throws Exception {
        SignedLedger ledger = SignedLedger.of(5, 5);
        ledger.entries.get(1).put("type", "WITHDRAWN");

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 2: CHAIN_BROKEN");
    }

    @Test
    void aChainRewrittenAndHashedAgainDiffersFromTheSignedCheckpoint() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);
        ledger.evidence(2).put("ipAddress", "198.51.100.1");
        ledger.seal(1);

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 3: CHECKPOINT_MISMATCH");
    }

    @Test
    void deletedLastEntriesAreATailCut() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);
        ledger.entries.subList(4, 7).clear();

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 5: TAIL_CUT");
    }

    @Test
    void anExportEndingBeforeACheckpointIsNotACutTail() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);
        ledger.entries.subList(4, 7).clear();

        // Entry 4 was recorded at 09:04, the checkpoint of entry 6 made at 09:06.
        assertThat(run(ledger, Instant.parse("2026-03-01T09:05:00Z"))).isEqualTo(VerifyLedgerExport.VALID);
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsRefused() throws Exception {
        SignedLedger ledger = SignedLedger.of(7, 3);
        ledger.checkpoints.set(1, Checkpoint.sign(6, (String) ledger.entries.get(5).get("hash"),
                ledger.checkpoints.get(1).checkpointedAt(),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()));

        assertThat(run(ledger, AFTER_ALL)).isEqualTo(VerifyLedgerExport.INVALID);
        assertThat(printed()).startsWith("INVALID at sequence 6: CHECKPOINT_SIGNATURE_INVALID");
    }

    @Test
    void filesThatCannotBeReadAreSaidSo() throws Exception {
        SignedLedger ledger = SignedLedger.of(2, 1);
        Path notAKey = dir.resolve("not-a-key.pem");
        Files.writeString(notAKey, "hello");

        assertThat(VerifyLedgerExport.run(new String[] {ledger.exportFile(dir, AFTER_ALL).toString(),
                ledger.checkpointsFile(dir).toString(), notAKey.toString()}, stream(), stream()))
                .isEqualTo(VerifyLedgerExport.UNUSABLE);
        assertThat(VerifyLedgerExport.run(new String[0], stream(), stream())).isEqualTo(VerifyLedgerExport.UNUSABLE);
    }

    private int run(SignedLedger ledger, Instant to) throws Exception {
        return VerifyLedgerExport.run(new String[] {ledger.exportFile(dir, to).toString(),
                ledger.checkpointsFile(dir).toString(), ledger.publicKeyFile(dir).toString()}, stream(), stream());
    }

    private PrintStream stream() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
