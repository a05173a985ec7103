package dev.kairos.ledger.verifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** A ledger export and its signed checkpoints as files, built the way the service builds them, to tamper with. */
final class SignedLedger {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    final KeyPair keys;
    final List<Map<String, Object>> entries = new ArrayList<>();
    final List<Checkpoint> checkpoints = new ArrayList<>();

    SignedLedger() throws GeneralSecurityException {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** {@code count} grants, each with evidence and an address, a checkpoint signed every {@code every} entries. */
    static SignedLedger of(int count, int every) throws GeneralSecurityException {
        SignedLedger ledger = new SignedLedger();
        for (int i = 0; i < count; i++) {
            ledger.entries.add(ledger.entry(i + 1, "I agree to receive offers by text message " + i, "+3361234567" + i));
        }
        ledger.seal(0);
        for (int s = every; s <= count; s += every) {
            ledger.checkpoints.add(Checkpoint.sign(s, (String) ledger.entries.get(s - 1).get("hash"),
                    START.plusSeconds(60L * s), ledger.keys.getPrivate()));
        }
        return ledger;
    }

    private Map<String, Object> entry(long sequence, String notice, String address) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("source", "WEB_FORM");
        evidence.put("collectionPoint", "checkout");
        evidence.put("noticeText", notice);
        evidence.put("noticeVersion", "3");
        evidence.put("ipAddress", "203.0.113.7");
        evidence.put("controller", "Example SAS");
        evidence.put("actor", "CUSTOMER");
        evidence.put("noticeLanguage", "fr");
        evidence.put("privacyPolicyUrl", "https://example.com/privacy");
        evidence.put("privacyPolicyVersion", "2026-01");
        evidence.put("controllerContact", "dpo@example.com");
        evidence.put("recordSchemaVersion", LedgerEncodings.RECORD_SCHEMA_VERSION);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sequence", sequence);
        e.put("entryId", "00000000-0000-4000-8000-" + String.format("%012d", sequence));
        e.put("customerId", "c-" + sequence);
        e.put("type", "GRANTED");
        e.put("channel", "SMS");
        e.put("purpose", "promotions");
        e.put("basis", "OPT_IN");
        e.put("jurisdiction", "FR");
        e.put("source", "WEB_FORM");
        e.put("occurredAt", START.plusSeconds(60L * sequence - 30).toString());
        e.put("recordedAt", START.plusSeconds(60L * sequence).toString());
        e.put("expiresAt", null);
        e.put("address", address);
        e.put("evidence", evidence);
        e.put("salt", HexFormat.of().formatHex(new byte[] {1, 2, 3, (byte) sequence}));
        return e;
    }

    /** Recomputes commitments and hashes from entry {@code from} (0-based) on, as the service (or a forger) would. */
    @SuppressWarnings("unchecked")
    void seal(int from) {
        String previous = from == 0 ? LedgerAudit.GENESIS : (String) entries.get(from - 1).get("hash");
        for (int i = from; i < entries.size(); i++) {
            Map<String, Object> e = entries.get(i);
            byte[] salt = HexFormat.of().parseHex((String) e.get("salt"));
            e.put("addressCommitment", LedgerEncodings.addressCommitment(salt, (String) e.get("address")));
            e.put("evidenceCommitment", LedgerEncodings.evidenceCommitment(salt,
                    ExportFile.evidenceFields(JSON.valueToTree(e.get("evidence")))));
            e.put("previousHash", previous);
            e.put("hash", null);
            AuditedEntry audited = ExportFile.audited(JSON.valueToTree(e));
            e.put("hash", audited.recomputedHash());
            previous = audited.recomputedHash();
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> evidence(int sequence) {
        return (Map<String, Object>) entries.get(sequence - 1).get("evidence");
    }

    Path exportFile(Path dir, Instant to) throws Exception {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("from", Instant.EPOCH.toString());
        export.put("to", to.toString());
        export.put("entries", entries);
        Path file = dir.resolve("export.json");
        Files.writeString(file, JSON.writeValueAsString(export));
        return file;
    }

    Path checkpointsFile(Path dir) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            list.add(Map.of("sequence", c.sequence(), "headHash", c.headHash(),
                    "checkpointedAt", c.checkpointedAt().toString(), "signature", c.signature()));
        }
        Path file = dir.resolve("checkpoints.json");
        Files.writeString(file, JSON.writeValueAsString(Map.of("checkpoints", list)));
        return file;
    }

    Path publicKeyFile(Path dir) throws Exception {
        Path file = dir.resolve("checkpoint-key.pem");
        Files.writeString(file, Ed25519Keys.pem(keys.getPublic()));
        return file;
    }
}
