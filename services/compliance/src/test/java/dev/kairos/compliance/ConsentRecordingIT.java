package dev.kairos.compliance;

import dev.kairos.platform.testing.OpenApiDocument;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static dev.kairos.compliance.ConsentRequests.aWithdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The service against a real broker and a real PostgreSQL, driven through its API and read through its topics. */
class ConsentRecordingIT extends RunningCompliance {

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void grantAndWithdrawalAreLedgeredPublishedReadableAndVerifiable() {
        String customer = "c-" + UUID.randomUUID();

        Api.Response granted = api.post("/api/v1/consents", aGrant(customer).json(), "consents:write");

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode grant = granted.json();
        assertThat(grant.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(grant.get("sequence").asLong()).isEqualTo(1);
        assertThat(grant.get("expiresAt").asString()).as("a French prospect's opt-in lapses after 3 years")
                .isEqualTo("2029-01-05T10:15:30Z");
        assertThat(grant.get("hash").asString()).matches("[0-9a-f]{64}");
        String grantEntry = grant.get("entryId").asString();

        try (var ledger = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consent-ledger"));
             var states = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consents"))) {
            ConsentLedgerEntry ledgered = ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode, entries -> !entries.isEmpty()).get(0);
            assertThat(ledgered.getEntryId()).isEqualTo(grantEntry);
            assertThat(ledgered.getType()).isEqualTo(LedgerEntryType.GRANTED);
            assertThat(ledgered.getHash()).isEqualTo(grant.get("hash").asString());
            assertThat(ledgered.getPreviousHash()).isEqualTo("0".repeat(64));
            assertThat(ledgered.getAddressCommitment()).matches("[0-9a-f]{64}").doesNotContain("33612345678");

            ConsentState afterGrant = states.awaitValues(customer, KairosSerdes.consentState()::decode, s -> !s.isEmpty()).get(0);
            ChannelConsent active = smsPromotions(afterGrant).orElseThrow();
            assertThat(active.getStatus()).isEqualTo(ConsentStatus.ACTIVE);
            assertThat(active.getEntryId()).isEqualTo(grantEntry);
            assertThat(active.getAddressHmac()).matches("[0-9a-f]{64}");

            Api.Response withdrawn = api.post("/api/v1/consents", aWithdrawal(customer).json(),
                    "consents:write");

            assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);
            assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
            String withdrawalEntry = withdrawn.json().get("entryId").asString();
            List<ConsentState> snapshots = states.awaitValues(customer, KairosSerdes.consentState()::decode, s -> s.size() >= 2);
            ConsentState afterWithdrawal = snapshots.get(1);
            assertThat(afterWithdrawal.getVersion()).isGreaterThan(afterGrant.getVersion());
            ChannelConsent withdrawnConsent = smsPromotions(afterWithdrawal).orElseThrow();
            assertThat(withdrawnConsent.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(withdrawnConsent.getEntryId()).isEqualTo(withdrawalEntry);
            ConsentLedgerEntry withdrawal = ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode, entries -> entries.size() >= 2).get(1);
            assertThat(withdrawal.getType()).isEqualTo(LedgerEntryType.WITHDRAWN);
            assertThat(withdrawal.getPreviousHash()).isEqualTo(ledgered.getHash());
        }

        Api.Response read = api.get("/api/v1/customers/" + customer + "/consents", "consents:read");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode consents = read.json();
        assertThat(consents.get("customerId").asString()).isEqualTo(customer);
        assertThat(consents.get("asOf").asString()).isNotBlank();
        assertThat(consents.get("consents")).hasSize(1);
        JsonNode sms = consents.get("consents").get(0);
        assertThat(sms.get("channel").asString()).isEqualTo("SMS");
        assertThat(sms.get("purpose").asString()).isEqualTo("promotions");
        assertThat(sms.get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(sms.get("address").asString()).isEqualTo("+33612345678");

        Api.Response verification = api.get("/api/v1/audit/ledger/verification", "audit:read");
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().get("valid").asBoolean()).isTrue();
        assertThat(verification.json().get("entriesChecked").asLong()).isEqualTo(2);
        assertThat(verification.json().get("firstInvalidSequence").isNull()).isTrue();
    }

    @Test
    void aCallWithoutTokenIsUnauthorised() {
        assertThat(api.post("/api/v1/consents", aGrant("c-1").json()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/customers/c-1/consents").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/audit/ledger/verification").status()).isEqualTo(401);
    }

    @Test
    void anAuditorCanNeitherRecordConsentsNorReadThem() {
        assertThat(api.post("/api/v1/consents", aGrant("c-1").json(), "audit:read").status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/customers/c-1/consents", "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/ledger/verification", "consents:read", "consents:write").status())
                .isEqualTo(403);
    }

    @Test
    void anInvalidRequestIsAnsweredWithEveryInvalidField() {
        String body = """
                {"customerId": "has spaces", "channel": "SMS", "purpose": "promotions", "action": "GRANT",
                 "address": "0612345678", "basis": "MAYBE", "collectedAt": "2999-01-01T00:00:00Z",
                 "evidence": {"source": "WEB_FORM"}}""";

        Api.Response response = api.post("/api/v1/consents", body, "consents:write");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("customerId", "address", "basis", "collectedAt");
    }

    @Test
    void theApiDescriptionHealthAndMetricsNeedNoToken() {
        Api.Response description = api.get("/v3/api-docs");
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.json().get("paths").has("/api/v1/consents")).isTrue();
        assertThat(description.json().get("paths").has("/api/v1/customers/{customerId}/consents")).isTrue();
        assertThat(description.json().get("paths").has("/api/v1/audit/ledger/verification")).isTrue();
        assertThat(description.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        OpenApiDocument.assertMatchesCommitted(description.body(), Path.of("openapi.json"), "mvn -B verify -pl"
                + " services/compliance -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dit.test='ConsentRecordingIT#theApiDescriptionHealthAndMetricsNeedNoToken'");

        Api.Response swaggerUi = api.get("/swagger-ui.html");
        assertThat(swaggerUi.status()).isEqualTo(200);
        assertThat(swaggerUi.body()).contains("Swagger UI");

        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

        Api.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("kairos_outbox_pending");
    }

    private static Optional<ChannelConsent> smsPromotions(ConsentState state) {
        return state.getConsents().stream()
                .filter(c -> c.getChannel() == Channel.SMS && c.getPurpose().equals("promotions"))
                .findFirst();
    }
}
