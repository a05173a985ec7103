package dev.kairos.ledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the files an auditor holds: the JSON export of {@code GET /api/v1/audit/ledger} (entries streamed one
 * at a time, so a file of millions of entries is never held in memory) and the checkpoints, as
 * {@code GET /api/v1/audit/ledger/checkpoints} serves them or as collected from the ledger topic.
 */
public final class ExportFile {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private ExportFile() {
    }

    /**
     * Hands every exported entry, with what its hash and commitments recompute to, to {@code visitor} until it
     * returns false; returns the end of the exported range ({@code to}), or null when the file does not say.
     */
    public static Instant forEachEntry(Path export, Predicate<AuditedEntry> visitor) throws IOException {
        Instant to = null;
        try (InputStream in = Files.newInputStream(export); JsonParser parser = JSON.createParser(in)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "the export is not a JSON object");
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("to".equals(name) && value == JsonToken.VALUE_STRING) {
                    to = Instant.parse(parser.getString());
                } else if ("entries".equals(name)) {
                    expect(value, JsonToken.START_ARRAY, "entries is not an array");
                    boolean goOn = true;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (goOn) {
                            goOn = visitor.test(audited(JSON.readTree(parser)));
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return to;
    }

    /** The checkpoints: a JSON array, or an object whose {@code checkpoints} is one. */
    public static List<Checkpoint> checkpoints(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        JsonNode array = root.isArray() ? root : root.get("checkpoints");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("the checkpoints file is neither an array nor an object with checkpoints");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode node : array) {
            checkpoints.add(new Checkpoint(node.get("sequence").asLong(), text(node, "headHash"),
                    instant(node, "checkpointedAt"), text(node, "signature")));
        }
        return checkpoints;
    }

    /** An exported entry with its hash and commitments recomputed from the exported fields. */
    static AuditedEntry audited(JsonNode e) {
        ChainedFields chained = new ChainedFields(e.get("sequence").asLong(), text(e, "entryId"), text(e, "customerId"),
                text(e, "type"), text(e, "channel"), text(e, "purpose"), text(e, "basis"), text(e, "jurisdiction"),
                text(e, "source"), instant(e, "occurredAt"), instant(e, "recordedAt"), instant(e, "expiresAt"),
                text(e, "addressCommitment"), text(e, "evidenceCommitment"), text(e, "previousHash"));
        String salt = text(e, "salt");
        String address = text(e, "address");
        JsonNode evidence = e.get("evidence");
        boolean hasEvidence = salt != null && evidence != null && !evidence.isNull();
        return new AuditedEntry(chained.sequence(), chained.previousHash(), text(e, "hash"),
                LedgerEncodings.entryHash(chained),
                chained.evidenceCommitment(),
                hasEvidence ? LedgerEncodings.evidenceCommitment(HexFormat.of().parseHex(salt), evidenceFields(evidence)) : null,
                chained.addressCommitment(),
                salt != null && address != null ? LedgerEncodings.addressCommitment(HexFormat.of().parseHex(salt), address) : null);
    }

    static EvidenceFields evidenceFields(JsonNode v) {
        return new EvidenceFields(text(v, "source"), text(v, "collectionPoint"), text(v, "noticeText"),
                text(v, "noticeVersion"), text(v, "ipAddress"), text(v, "userAgent"), text(v, "noticeSha256"),
                text(v, "controller"), text(v, "actor"), text(v, "rawInput"), instant(v, "confirmationSentAt"),
                instant(v, "confirmationClickedAt"), text(v, "confirmationNonce"), text(v, "noticeLanguage"),
                text(v, "privacyPolicyUrl"), text(v, "privacyPolicyVersion"), text(v, "controllerContact"),
                text(v, "recordSchemaVersion"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** An ISO-8601 instant, or a number of milliseconds since the epoch. */
    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : Instant.parse(value.asString());
    }

    private static void expect(JsonToken actual, JsonToken expected, String message) {
        if (actual != expected) {
            throw new IllegalArgumentException(message);
        }
    }
}
