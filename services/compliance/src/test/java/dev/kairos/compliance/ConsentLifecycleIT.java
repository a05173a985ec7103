package dev.kairos.compliance;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static dev.kairos.compliance.ConsentRequests.aWithdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.expiry.ExpiryJob;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Consents over time, with a clock the test moves: history with evidence, states as of past instants,
 * consent bound to its address, expiry by jurisdiction recorded as an event, activities extending or
 * implying consent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kairos.compliance.expiry-interval=PT1H")
@Import(MovableClock.Configuration.class)
class ConsentLifecycleIT {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant THREE_YEARS_LATER = Instant.parse("2029-03-01T09:00:00Z");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance");
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    ExpiryJob expiry;

    @Autowired
    TopicsProperties topics;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
        clock.set(START);
    }

    @Test
    void theHistoryShowsEveryEntryWithItsEvidence() {
        String customer = "c-" + UUID.randomUUID();
        created(api.post("/api/v1/consents", aGrant(customer).collectedAt("2026-02-27T08:00:00Z").json(), "consents:write"));
        created(api.post("/api/v1/consents", aWithdrawal(customer).json(), "consents:write"));

        Api.Response response = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode entries = response.json().get("entries");
        assertThat(entries).hasSize(2);
        JsonNode grant = entries.get(0);
        assertThat(grant.get("type").asString()).isEqualTo("GRANTED");
        assertThat(grant.get("address").asString()).isEqualTo("+33612345678");
        assertThat(grant.get("occurredAt").asString()).isEqualTo("2026-02-27T08:00:00Z");
        assertThat(grant.get("recordedAt").asString()).isEqualTo("2026-03-01T09:00:00Z");
        assertThat(grant.get("jurisdiction").asString()).isEqualTo("FR");
        JsonNode evidence = grant.get("evidence");
        assertThat(evidence.get("source").asString()).isEqualTo("WEB_FORM");
        assertThat(evidence.get("collectionPoint").asString()).isEqualTo("signup-v3");
        assertThat(evidence.get("noticeText").asString()).isEqualTo("Yes, send me offers.");
        assertThat(evidence.get("noticeVersion").asString()).isEqualTo("3");
        assertThat(evidence.get("noticeSha256").asString())
                .isEqualTo("5c16de691dcd6135e7d2a5b4332deaff2863b496c09b31e0566ae89a51f383c2");
        assertThat(evidence.get("ipAddress").asString()).isEqualTo("203.0.113.7");
        assertThat(evidence.get("actor").asString()).isEqualTo("CUSTOMER");
        assertThat(evidence.get("controller").asString()).isEqualTo("Kairos local controller");
        assertThat(entries.get(1).get("type").asString()).isEqualTo("WITHDRAWN");
        assertThat(entries.get(1).get("previousHash").asString()).isEqualTo(grant.get("hash").asString());
    }

    @Test
    void knownAtQueriesSeeNothingBeforeTheGrantTheGrantUntilTheWithdrawalAndTheWithdrawalAfter() {
        String customer = "c-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        created(api.post("/api/v1/consents", aGrant(customer).collectedAt("2026-03-02T10:00:00Z").json(), "consents:write"));
        clock.set(Instant.parse("2026-03-05T10:00:00Z"));
        created(api.post("/api/v1/consents", aWithdrawal(customer).json(), "consents:write"));
        clock.set(Instant.parse("2026-03-10T10:00:00Z"));

        assertThat(consentsKnownAt(customer, "2026-03-02T09:59:59.999Z")).isEmpty();
        assertThat(statusKnownAt(customer, "2026-03-02T10:00:00Z")).isEqualTo("ACTIVE");
        assertThat(statusKnownAt(customer, "2026-03-05T09:59:59.999Z")).isEqualTo("ACTIVE");
        assertThat(statusKnownAt(customer, "2026-03-05T10:00:00Z")).isEqualTo("WITHDRAWN");
        assertThat(statusKnownAt(customer, "2026-03-09T00:00:00+01:00")).isEqualTo("WITHDRAWN");
    }

    @Test
    void aConsentCollectedIn2024AndRecordedTodayIsInForceAsOf2025ButWasNotKnownThen() {
        String customer = "c-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-12-04T10:00:00Z"));
        created(api.post("/api/v1/consents",
                aGrant(customer).email("migrated@example.fr").collectedAt("2024-06-01T10:00:00Z").json(),
                "consents:write"));

        JsonNode inForce = consents(customer, "asOf=2025-05-09T00:00:00Z");
        assertThat(inForce.get("asOf").asString()).isEqualTo("2025-05-09T00:00:00Z");
        assertThat(inForce.get("knownAt").asString()).isEqualTo("2026-12-04T10:00:00Z");
        assertThat(inForce.get("consents").get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(consents(customer, "asOf=2024-05-31T23:59:59Z").get("consents").valueStream())
                .as("not yet collected").isEmpty();
        assertThat(consents(customer, "knownAt=2025-05-09T00:00:00Z").get("consents").valueStream())
                .as("not recorded by then").isEmpty();
        assertThat(consents(customer, "asOf=2025-05-09T00:00:00Z&knownAt=2026-12-04T09:59:59Z")
                .get("consents").valueStream()).as("both combine").isEmpty();
        Api.Response future = api.get("/api/v1/customers/" + customer + "/consents?asOf=2027-06-01T10:00:00Z"
                + "&knownAt=later", "consents:read");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("asOf", "knownAt");
    }

    @Test
    void aConsentCoversTheAddressItWasGivenForAndNoOther() {
        String customer = "c-" + UUID.randomUUID();
        created(api.post("/api/v1/consents", aGrant(customer).sms("+33611111111").json(), "consents:write"));

        assertThat(consentsFor(customer, "+33611111111")).hasSize(1);
        assertThat(consentsFor(customer, "+33611111111").get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(consentsFor(customer, "+33622222222")).isEmpty();

        created(api.post("/api/v1/consents", aGrant(customer).sms("+33622222222").json(), "consents:write"));

        assertThat(consentsFor(customer, "+33622222222")).hasSize(1);
        assertThat(consentsFor(customer, "+33611111111")).isEmpty();
        assertThat(api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read").json()
                .get("entries").valueStream().map(e -> e.get("address").asString()).toList())
                .containsExactly("+33611111111", "+33622222222");
    }

    @Test
    void aFrenchProspectsConsentExpiresThreeYearsAfterCollectionAsAnEventOnBothTopics() {
        String customer = "c-" + UUID.randomUUID();
        JsonNode grant = created(api.post("/api/v1/consents",
                aGrant(customer).email("prospect@example.fr").collectedAt(START.toString()).json(), "consents:write"));
        assertThat(grant.get("expiresAt").asString()).isEqualTo(THREE_YEARS_LATER.toString());

        clock.set(THREE_YEARS_LATER.minusMillis(1));
        expiry.expireDue();
        assertThat(currentStatus(customer)).isEqualTo("ACTIVE");

        clock.set(THREE_YEARS_LATER);
        expiry.expireDue();

        assertThat(currentStatus(customer)).isEqualTo("EXPIRED");
        JsonNode history = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read")
                .json().get("entries");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).get("type").asString()).isEqualTo("EXPIRED");
        assertThat(history.get(1).get("occurredAt").asString()).isEqualTo(THREE_YEARS_LATER.toString());
        assertThat(history.get(1).get("evidence").get("actor").asString()).isEqualTo("SYSTEM:expiry");
        try (var ledger = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consent-ledger"));
             var states = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consents"))) {
            List<ConsentLedgerEntry> entries = ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode,
                    e -> e.size() >= 2);
            assertThat(entries.get(1).getType()).isEqualTo(LedgerEntryType.EXPIRED);
            assertThat(entries.get(1).getOccurredAt()).isEqualTo(THREE_YEARS_LATER);
            assertThat(entries.get(1).getRecordedAt()).isEqualTo(THREE_YEARS_LATER);
            List<ConsentState> snapshots = states.awaitValues(customer, KairosSerdes.consentState()::decode,
                    s -> s.size() >= 2);
            assertThat(snapshots.get(1).getConsents().get(0).getStatus())
                    .isEqualTo(dev.kairos.proto.compliance.ConsentStatus.EXPIRED);
            assertThat(snapshots.get(1).getConsents().get(0).getExpiresAt()).isEqualTo(THREE_YEARS_LATER);
        }

        clock.set(THREE_YEARS_LATER.plusSeconds(3600));
        expiry.expireDue();
        assertThat(api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read")
                .json().get("entries")).as("an expiry is recorded once").hasSize(2);
    }

    @Test
    void aClickExtendsAFrenchProspectsConsentAndAnOpenDoesNot() {
        String customer = "c-" + UUID.randomUUID();
        created(api.post("/api/v1/consents",
                aGrant(customer).email("prospect@example.fr").collectedAt(START.toString()).json(), "consents:write"));
        Instant twoYearsLater = Instant.parse("2028-03-01T09:00:00Z");
        clock.set(twoYearsLater);

        JsonNode opened = created(api.post("/api/v1/activities", activity(customer, "OPEN", twoYearsLater), "consents:write"));
        assertThat(opened.get("entries")).isEmpty();

        JsonNode clicked = created(api.post("/api/v1/activities", activity(customer, "CLICK", twoYearsLater), "consents:write"));

        assertThat(clicked.get("entries")).hasSize(1);
        assertThat(clicked.get("entries").get(0).get("type").asString()).isEqualTo("EXTENDED");
        assertThat(clicked.get("entries").get(0).get("expiresAt").asString()).isEqualTo("2031-03-01T09:00:00Z");
        clock.set(THREE_YEARS_LATER);
        expiry.expireDue();
        assertThat(currentStatus(customer)).isEqualTo("ACTIVE");
        JsonNode extended = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read")
                .json().get("entries").get(1);
        assertThat(extended.get("type").asString()).isEqualTo("EXTENDED");
        assertThat(extended.get("occurredAt").asString()).isEqualTo(twoYearsLater.toString());
        assertThat(extended.get("address").asString()).isEqualTo("prospect@example.fr");
        assertThat(extended.get("evidence").get("rawInput").asString()).startsWith("CLICK");

        clock.set(Instant.parse("2031-03-01T09:00:00Z"));
        expiry.expireDue();
        assertThat(currentStatus(customer)).isEqualTo("EXPIRED");
    }

    @Test
    void aPurchaseInCanadaImpliesConsentForTwoYearsAndAnInquiryForSixMonths() {
        String buyer = "c-" + UUID.randomUUID();
        String asker = "c-" + UUID.randomUUID();

        JsonNode purchase = created(api.post("/api/v1/activities",
                activityNaming(buyer, "PURCHASE", START, "buyer@example.ca"), "consents:write"));
        JsonNode inquiry = created(api.post("/api/v1/activities",
                activityNaming(asker, "INQUIRY", START, "asker@example.ca"), "consents:write"));

        assertThat(purchase.get("entries").get(0).get("type").asString()).isEqualTo("GRANTED");
        assertThat(purchase.get("entries").get(0).get("basis").asString()).isEqualTo("IMPLIED_PURCHASE");
        assertThat(purchase.get("entries").get(0).get("expiresAt").asString()).isEqualTo("2028-03-01T09:00:00Z");
        assertThat(inquiry.get("entries").get(0).get("basis").asString()).isEqualTo("IMPLIED_INQUIRY");
        assertThat(inquiry.get("entries").get(0).get("expiresAt").asString()).isEqualTo("2026-09-01T09:00:00Z");

        clock.set(Instant.parse("2026-09-01T08:59:59.999Z"));
        expiry.expireDue();
        assertThat(currentStatus(asker)).isEqualTo("ACTIVE");
        clock.set(Instant.parse("2026-09-01T09:00:00Z"));
        expiry.expireDue();
        assertThat(currentStatus(asker)).isEqualTo("EXPIRED");
        assertThat(currentStatus(buyer)).isEqualTo("ACTIVE");

        clock.set(Instant.parse("2028-03-01T08:59:59.999Z"));
        expiry.expireDue();
        assertThat(currentStatus(buyer)).isEqualTo("ACTIVE");
        clock.set(Instant.parse("2028-03-01T09:00:00Z"));
        expiry.expireDue();
        assertThat(currentStatus(buyer)).isEqualTo("EXPIRED");
    }

    @Test
    void impliedConsentNeverOverridesAWithdrawal() {
        String customer = "c-" + UUID.randomUUID();
        created(api.post("/api/v1/consents", aWithdrawal(customer).email("buyer@example.ca").json(), "consents:write"));

        JsonNode purchase = created(api.post("/api/v1/activities",
                activityNaming(customer, "PURCHASE", START, "buyer@example.ca"), "consents:write"));

        assertThat(purchase.get("entries")).isEmpty();
        assertThat(currentStatus(customer)).isEqualTo("WITHDRAWN");
    }

    @Test
    void aMarketingSmsInTheUsNeedsPriorExpressWrittenConsent() {
        String customer = "c-" + UUID.randomUUID();

        Api.Response optIn = api.post("/api/v1/consents",
                aGrant(customer).sms("+13055550123").jurisdiction("US-FL").json(), "consents:write");

        assertThat(optIn.status()).isEqualTo(400);
        assertThat(optIn.json().get("errors").get(0).get("field").asString()).isEqualTo("basis");
        assertThat(api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read").json()
                .get("entries")).as("nothing recorded").isEmpty();
        JsonNode written = created(api.post("/api/v1/consents", aGrant(customer).sms("+13055550123")
                .jurisdiction("US-FL").basis("PRIOR_EXPRESS_WRITTEN").json(), "consents:write"));
        assertThat(written.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(written.get("expiresAt").isNull()).isTrue();
    }

    @Test
    void anInvalidActivityIsAnsweredWithEveryInvalidField() {
        Api.Response response = api.post("/api/v1/activities",
                "{\"customerId\": \"has space\", \"type\": \"LIKE\", \"at\": \"2999-01-01T00:00:00Z\", \"channel\": \"EMAIL\"}",
                "consents:write");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("customerId", "type", "at", "address", "purpose", "jurisdiction");
    }

    @Test
    void entriesBySourceAndTypeAndExpiriesAreCounted() {
        String customer = "c-" + UUID.randomUUID();
        created(api.post("/api/v1/consents",
                aGrant(customer).email("counted@example.fr").collectedAt(START.toString()).json(), "consents:write"));
        clock.set(THREE_YEARS_LATER);
        expiry.expireDue();

        String metrics = api.get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("kairos_compliance_ledger_entries_total\\{[^}]*source=\"WEB_FORM\"[^}]*type=\"GRANTED\"[^}]*} [1-9]")
                .containsPattern("kairos_compliance_ledger_entries_total\\{[^}]*source=\"SYSTEM\"[^}]*type=\"EXPIRED\"[^}]*} [1-9]")
                .containsPattern("kairos_compliance_consents_expiries_total\\{[^}]*basis=\"OPT_IN\"[^}]*channel=\"EMAIL\"[^}]*} [1-9]")
                .doesNotContain(customer).doesNotContain("counted@example.fr");
    }

    private static String activity(String customer, String type, Instant at) {
        return "{\"customerId\": \"%s\", \"type\": \"%s\", \"at\": \"%s\"}".formatted(customer, type, at);
    }

    private static String activityNaming(String customer, String type, Instant at, String email) {
        return ("{\"customerId\": \"%s\", \"type\": \"%s\", \"at\": \"%s\", \"channel\": \"EMAIL\", \"address\": \"%s\","
                + " \"purpose\": \"promotions\", \"jurisdiction\": \"CA\"}").formatted(customer, type, at, email);
    }

    private static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private String currentStatus(String customer) {
        return api.get("/api/v1/customers/" + customer + "/consents", "consents:read")
                .json().get("consents").get(0).get("status").asString();
    }

    private List<JsonNode> consentsKnownAt(String customer, String knownAt) {
        return consents(customer, "knownAt=" + knownAt.replace("+", "%2B")).get("consents").valueStream().toList();
    }

    private JsonNode consents(String customer, String query) {
        Api.Response response = api.get("/api/v1/customers/" + customer + "/consents?" + query, "consents:read");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String statusKnownAt(String customer, String knownAt) {
        return consentsKnownAt(customer, knownAt).get(0).get("status").asString();
    }

    private List<JsonNode> consentsFor(String customer, String address) {
        return api.get("/api/v1/customers/" + customer + "/consents?address=" + address.replace("+", "%2B"),
                "consents:read").json().get("consents").valueStream().toList();
    }
}
