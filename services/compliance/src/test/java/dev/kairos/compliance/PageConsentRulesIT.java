package dev.kairos.compliance;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.compliance.expiry.ExpiryJob;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.SubmittedBasis;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules of the customer's jurisdiction and buyer status, for consents given on the preference centre
 * (submissions published here as preferences does, with the customer's contact preferences) as through the
 * API: a page grant by a French customer lapses after 3 years and the expiry job records it; soft opt-in
 * without a purchase on record, and a grant for an erased address that is not the person's fresh opt-in, are
 * refused on both ways in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kairos.compliance.expiry-interval=PT1H")
@Import(MovableClock.Configuration.class)
class PageConsentRulesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    /** When {@link Records#submission} says the customer acted on the page. */
    private static final Instant SUBMITTED = Instant.parse("2026-11-24T09:00:00Z");

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

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SuppressionService suppressions;

    Api api;
    Publisher publisher;

    @BeforeEach
    void clients() {
        api = new Api(port);
        publisher = new Publisher();
        clock.set(START);
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aPageGrantByAFrenchCustomerCarriesFranceAndLapsesThreeYearsLaterAsTheExpiryJobRecords() {
        String customer = customer();
        String email = customer + "@example.fr";
        onRecord(customer, email, "FR");

        submit(customer, Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null));

        Map<String, Object> grant = awaitEntry(customer, "GRANTED");
        assertThat(grant.get("jurisdiction")).isEqualTo("FR");
        assertThat(grant.get("basis")).isEqualTo("OPT_IN");
        Instant lapses = Instant.parse("2029-11-24T09:00:00Z");
        assertThat(((Timestamp) grant.get("expires_at")).toInstant()).isEqualTo(lapses);

        clock.set(lapses.minusSeconds(1));
        expiry.expireDue();
        assertThat(types(customer)).containsExactly("GRANTED");

        clock.set(lapses);
        expiry.expireDue();
        assertThat(types(customer)).containsExactly("GRANTED", "EXPIRED");
        Map<String, Object> expired = entry(customer, "EXPIRED");
        assertThat(((Timestamp) expired.get("occurred_at")).toInstant()).isEqualTo(lapses);
        assertThat(expired.get("jurisdiction")).isEqualTo("FR");
        assertThat(status(customer)).isEqualTo("EXPIRED");
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aGermanCustomersPageEmailGrantWaitsForItsDoubleOptInConfirmation() {
        String customer = customer();
        String email = customer + "@example.de";
        onRecord(customer, email, "DE");

        submit(customer, Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null));

        Map<String, Object> pending = awaitEntry(customer, "PENDING_CONFIRMATION");
        assertThat(pending.get("jurisdiction")).isEqualTo("DE");
        assertThat(types(customer)).as("UWG 7(2) Nr. 2: no email consent before the confirmation")
                .doesNotContain("GRANTED");
    }

    @Test
    void aPageWithdrawalCarriesTheJurisdiction() {
        String customer = customer();
        String email = customer + "@example.fr";
        onRecord(customer, email, "FR");

        submit(customer, Records.submission(customer, ConsentAction.WITHDRAW, Channel.EMAIL, email, null));

        assertThat(awaitEntry(customer, "WITHDRAWN").get("jurisdiction")).isEqualTo("FR");
    }

    @Test
    void aPageGrantBeforeTheContactPreferencesArrivedIsRecordedWithoutJurisdictionRatherThanHeldBack() {
        String customer = customer();

        submit(customer, Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, customer + "@example.fr", null));

        Map<String, Object> grant = awaitEntry(customer, "GRANTED");
        assertThat(grant.get("jurisdiction")).isNull();
        assertThat(grant.get("expires_at")).isNull();
        assertThat(status(customer)).isEqualTo("ACTIVE");
    }

    @Test
    void theApiRefusesSoftOptInForACustomerWithoutAPurchaseAndNamesTheBasis() {
        String customer = customer();
        activity(customer, "VISIT", "2026-01-02T10:00:00Z");   // an account that visits is not a buyer
        activity(customer, "PURCHASE", "2026-02-01T10:00:00Z");   // nor does a purchase after the grant count

        Api.Response refused = api.post("/api/v1/consents", aGrant(customer).basis("SOFT_OPT_IN").json(), "consents:write");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("basis");
        assertThat(refused.body()).contains("existing buyer");
        assertThat(types(customer)).isEmpty();
    }

    @Test
    void theApiRecordsSoftOptInForAnExistingBuyer() {
        String customer = customer();
        activity(customer, "PURCHASE", "2026-01-02T10:00:00Z");   // before the grant, collected 2026-01-05

        Api.Response granted = api.post("/api/v1/consents", aGrant(customer).basis("SOFT_OPT_IN").json(), "consents:write");

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(entry(customer, "GRANTED").get("basis")).isEqualTo("SOFT_OPT_IN");
    }

    @Test
    void aPageSoftOptInWithoutAPurchaseIsDeadLetteredWithItsCauseAndOneByABuyerIsRecorded() {
        String customer = customer();
        String email = customer + "@example.fr";
        onRecord(customer, email, "FR");
        byte[] refused = Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null,
                SubmittedBasis.SOFT_OPT_IN);

        submit(customer, refused);

        assertDeadLettered(customer, refused, "basis: SOFT_OPT_IN needs an existing buyer");
        assertThat(types(customer)).isEmpty();

        activity(customer, "PURCHASE", "2026-02-01T10:00:00Z");
        submit(customer, Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null,
                SubmittedBasis.SOFT_OPT_IN));

        Map<String, Object> grant = awaitEntry(customer, "GRANTED");
        assertThat(grant.get("basis")).isEqualTo("SOFT_OPT_IN");
        // Soft opt-in is no prospect consent: the French 3-year lapse does not bind it.
        assertThat(grant.get("jurisdiction")).isEqualTo("FR");
        assertThat(grant.get("expires_at")).isNull();
    }

    @Test
    void aPageGrantForAnErasedAddressIsRefusedAsTheApisIsAndTheAddressStaysOffContact() {
        String erased = "erased-" + UUID.randomUUID() + "@example.fr";
        suppressions.suppress(erased, null, SuppressionReason.ERASURE, START, "ERASURE");
        String buyer = customer();
        onRecord(buyer, erased, "FR");
        activity(buyer, "PURCHASE", "2026-01-02T10:00:00Z");   // a buyer: the soft opt-in's own rule holds

        Api.Response byApi = api.post("/api/v1/consents",
                aGrant(buyer).email(erased).basis("SOFT_OPT_IN").json(), "consents:write");
        assertThat(byApi.status()).as(byApi.body()).isEqualTo(400);
        assertThat(byApi.json().get("errors").get(0).get("field").asString()).isEqualTo("address");

        byte[] byPage = Records.submission(buyer, ConsentAction.GRANT, Channel.EMAIL, erased, null,
                SubmittedBasis.SOFT_OPT_IN);
        submit(buyer, byPage);

        assertDeadLettered(buyer, byPage, "address: was erased at the person's request");
        assertThat(types(buyer)).isEmpty();
        assertThat(suppressions.of(erased)).as("a refused grant lifts nothing").isPresent();
    }

    @Test
    void aPageOptInForAnErasedAddressLiftsNothingUntilThePersonConfirmsFromTheMessageSentToIt() {
        clock.set(SUBMITTED);
        String erased = "erased-" + UUID.randomUUID() + "@example.fr";
        suppressions.suppress(erased, null, SuppressionReason.ERASURE, START, "ERASURE");
        String customer = customer();
        onRecord(customer, erased, "FR");

        // An express opt-in with the page's evidence: a fresh opt-in, were it not that anyone may hold the link.
        submit(customer, Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, erased, null));

        awaitEntry(customer, "PENDING_CONFIRMATION");
        assertThat(types(customer)).containsExactly("PENDING_CONFIRMATION");
        assertThat(suppressions.of(erased)).as("the page grant lifted nothing").isPresent();

        String nonce = await().atMost(PATIENCE).until(() -> jdbc.query(
                "SELECT nonce FROM confirmation_requests WHERE customer_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, customer), java.util.Objects::nonNull);
        submit(customer, Records.submission(customer, ConsentAction.CONFIRM, Channel.EMAIL, erased, nonce));

        awaitEntry(customer, "CONFIRMED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(suppressions.of(erased))
                .as("the person's click on the link sent to the address lifts it").isEmpty());
    }

    /** The submission went to the dead-letter topic as it was, with the field and rule that refused it as cause. */
    private void assertDeadLettered(String customer, byte[] submission, String cause) {
        try (var deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("compliance-dead-letters"))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitAtLeast(customer, 1).get(0);
            assertThat(letter.value()).isEqualTo(submission);
            assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(topics.name("consent-submissions"));
            assertThat(StreamSupport.stream(letter.headers().spliterator(), false)
                    .map(h -> new String(h.value(), StandardCharsets.UTF_8)))
                    .anySatisfy(value -> assertThat(value).contains(cause));
        }
    }

    private void onRecord(String customer, String email, String jurisdiction) {
        publisher.send(topics.name("contact-preferences"), customer,
                Records.contactPreferences(customer, 1, email, null, null, jurisdiction));
        await().atMost(PATIENCE).until(() -> jurisdiction.equals(jdbc.query(
                "SELECT jurisdiction FROM address_index_versions WHERE customer_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, customer)));
    }

    private void submit(String customer, byte[] submission) {
        publisher.send(topics.name("consent-submissions"), customer, submission);
    }

    private void activity(String customer, String type, String at) {
        Api.Response response = api.post("/api/v1/activities", """
                {"customerId": "%s", "type": "%s", "at": "%s"}""".formatted(customer, type, at), "consents:write");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private Map<String, Object> awaitEntry(String customer, String type) {
        await().atMost(PATIENCE).until(() -> types(customer).contains(type));
        return entry(customer, type);
    }

    private Map<String, Object> entry(String customer, String type) {
        return jdbc.queryForMap("SELECT * FROM consent_ledger WHERE customer_id = ? AND type = ?", customer, type);
    }

    private List<String> types(String customer) {
        return jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ? ORDER BY sequence",
                String.class, customer);
    }

    private String status(String customer) {
        return api.get("/api/v1/customers/" + customer + "/consents", "consents:read").json()
                .get("consents").get(0).get("status").asString();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }
}
