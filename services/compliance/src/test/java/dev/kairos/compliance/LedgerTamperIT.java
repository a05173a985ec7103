package dev.kairos.compliance;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.ledger.ChainHead;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.LedgerHashing;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.ledger.verifier.VerifyLedgerExport;
import dev.kairos.platform.testing.ServiceTestProperties;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an owner of the database could do to the ledger, each caught by the verification endpoint and by the
 * standalone verifier run on the auditor's export: an evidence row edited, the whole chain rewritten and
 * hashed again, the last entries deleted. Each test has a database of its own (a checkpoint every 2 entries).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kairos.compliance.expiry-interval=PT1H", "kairos.compliance.checkpoints.every=2",
                "kairos.compliance.checkpoints.cron=-"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class LedgerTamperIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance_tamper");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Ledger ledger;

    @TempDir
    Path dir;

    Api api;

    @BeforeEach
    void fiveGrants() {
        api = new Api(port);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/consents", aGrant("c-" + UUID.randomUUID()).json(), "consents:write").status())
                    .isEqualTo(201);
        }
        assertThat(verification().get("valid").asBoolean()).as(verification().toString()).isTrue();
        assertThat(verification().get("checkpointsChecked").asInt()).isEqualTo(2);
        assertThat(verifier()).startsWith("VALID: 5 entries, 5 evidence and 5 address commitments recomputed");
    }

    @Test
    void anEditedEvidenceRowIsFound() {
        jdbc.update("UPDATE ledger_personal_data SET evidence = jsonb_set(evidence, '{ipAddress}', '\"198.51.100.66\"')"
                + " WHERE entry_id = (SELECT entry_id FROM consent_ledger WHERE sequence = 3)");

        assertThat(verification().get("kind").asString()).isEqualTo("EVIDENCE_EDITED");
        assertThat(verification().get("firstInvalidSequence").asLong()).isEqualTo(3);
        assertThat(verifier()).startsWith("INVALID at sequence 3: EVIDENCE_EDITED");
    }

    @Test
    void aChainRewrittenAndHashedAgainIsFound() {
        asTheOwner();
        rewriteFrom(1, "198.51.100.66");

        assertThat(verification().get("kind").asString()).isEqualTo("CHECKPOINT_MISMATCH");
        assertThat(verification().get("firstInvalidSequence").asLong()).isEqualTo(2);
        assertThat(verifier()).startsWith("INVALID at sequence 2: CHECKPOINT_MISMATCH");
    }

    @Test
    void deletedLastEntriesAreFound() {
        asTheOwner();
        jdbc.update("DELETE FROM consent_state WHERE entry_id IN (SELECT entry_id FROM consent_ledger WHERE sequence >= 4)");
        jdbc.update("DELETE FROM ledger_personal_data WHERE entry_id IN (SELECT entry_id FROM consent_ledger WHERE sequence >= 4)");
        jdbc.update("DELETE FROM consent_ledger WHERE sequence >= 4");

        assertThat(verification().get("kind").asString()).isEqualTo("TAIL_CUT");
        assertThat(verification().get("firstInvalidSequence").asLong()).isEqualTo(4);
        assertThat(verifier()).startsWith("INVALID at sequence 4: TAIL_CUT");
    }

    /** The owner of the table may switch off the trigger that keeps it append-only, and does. */
    private void asTheOwner() {
        jdbc.execute("ALTER TABLE consent_ledger DISABLE TRIGGER consent_ledger_no_update_or_delete");
    }

    private JsonNode verification() {
        Api.Response response = api.get("/api/v1/audit/ledger/verification", "application/json", "audit:read");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The auditor's files, from the export and checkpoint endpoints, checked by the standalone verifier. */
    private String verifier() {
        try {
            Path export = Files.writeString(dir.resolve("export.json"),
                    api.get("/api/v1/audit/ledger", "application/json", "audit:read").body());
            JsonNode checkpoints = api.get("/api/v1/audit/ledger/checkpoints", "application/json", "audit:read").json();
            Path checkpointsFile = Files.writeString(dir.resolve("checkpoints.json"), checkpoints.toString());
            Path key = Files.writeString(dir.resolve("key.pem"), checkpoints.get("publicKey").asString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            VerifyLedgerExport.run(new String[] {export.toString(), checkpointsFile.toString(), key.toString()}, print, print);
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As an owner would: changes the IP address of entry {@code from}'s evidence, then recomputes its commitment and
     * every hash from there on with the ledger's own code, so that the chain holds again.
     */
    private void rewriteFrom(long from, String ipAddress) {
        List<RecordedEntry> all = new ArrayList<>();
        ledger.export(Instant.EPOCH, Instant.now().plusSeconds(3600), all::add);
        String previous = all.get((int) from - 2 < 0 ? 0 : (int) from - 2).entry().hash();
        if (from == 1) {
            previous = ChainHead.GENESIS.hash();
        }
        for (RecordedEntry recorded : all.subList((int) from - 1, all.size())) {
            LedgerEntry e = recorded.entry();
            Evidence evidence = recorded.evidence();
            String evidenceCommitment = e.evidenceCommitment();
            if (e.sequence() == from) {
                evidence = new Evidence(evidence.source(), evidence.collectionPoint(), evidence.noticeText(),
                        evidence.noticeVersion(), ipAddress, evidence.userAgent(), evidence.noticeSha256(),
                        evidence.controller(), evidence.actor(), evidence.rawInput(), evidence.confirmationSentAt(),
                        evidence.confirmationClickedAt(), evidence.confirmationNonce(), evidence.noticeLanguage(),
                        evidence.privacyPolicyUrl(), evidence.privacyPolicyVersion(), evidence.controllerContact(),
                        evidence.recordSchemaVersion());
                evidenceCommitment = LedgerHashing.evidenceCommitment(recorded.salt(), evidence);
                jdbc.update("UPDATE ledger_personal_data SET evidence = ?::jsonb WHERE entry_id = ?",
                        JSON.writeValueAsString(evidence), e.entryId());
            }
            LedgerEntry rewritten = new LedgerEntry(e.sequence(), e.entryId(), e.customerId(), e.type(), e.channel(),
                    e.purpose(), e.basis(), e.jurisdiction(), e.source(), e.occurredAt(), e.recordedAt(), e.expiresAt(),
                    e.addressCommitment(), evidenceCommitment, previous, null);
            String hash = LedgerHashing.entryHash(rewritten);
            jdbc.update("UPDATE consent_ledger SET evidence_commitment = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                    evidenceCommitment, previous, hash, e.sequence());
            previous = hash;
        }
    }
}
