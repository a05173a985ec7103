package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.compliance.confirmations.ConfirmationPurge;
import dev.kairos.platform.links.LinkCheck;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkPurpose;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.Evidence;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Double opt-in against a real broker and PostgreSQL: the confirmation message dispatch receives, then the
 * CONFIRM the preferences page submits (published here as preferences does), in time, too late and twice;
 * and the purge of requests never confirmed, on the service's own clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DoubleOptInIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CONFIRMATION_LINK = Pattern.compile("http://localhost:8081/c/([A-Za-z0-9_-]+)");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance");
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    SignedLinks links;

    @Autowired
    MutableClock clock;

    @Autowired
    ConfirmationPurge purge;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    Publisher publisher;

    @BeforeEach
    void clients() {
        api = new Api(port);
        publisher = new Publisher();
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aGrantWaitsForTheConfirmationThatDispatchSendsWithASignedSingleUseLink() {
        String customer = customer();
        String email = customer + "@example.com";

        JsonNode granted = grant(customer, email);
        assertThat(granted.get("status").asString()).isEqualTo("PENDING_CONFIRMATION");

        SendMessage message = confirmationMessage(customer);
        assertThat(message.getTopic()).isEqualTo("consent-confirmation");
        assertThat(message.getRecipientAddress()).isEqualTo(email);
        assertThat(message.getChannels()).containsExactly(Channel.EMAIL);
        assertThat(message.getRequestId()).isEqualTo("consent-confirmation:" + granted.get("entryId").asString());
        String text = message.getContent().get("EMAIL").getText();
        assertThat(text).contains("/c/").doesNotContainIgnoringCase("offre").doesNotContainIgnoringCase("promo");
        LinkClaims claims = claims(message);
        assertThat(claims.purpose()).isEqualTo(LinkPurpose.CONFIRM);
        assertThat(claims.subject()).isEqualTo(customer);
        assertThat(claims.topic()).isEqualTo("promotions");
        assertThat(claims.channel()).isEqualTo("EMAIL");
        assertThat(claims.expiresAt()).isEqualTo(Instant.ofEpochSecond(clock.instant().plus(Duration.ofDays(7)).getEpochSecond()));
        assertThat(message.getExpiresAt()).isEqualTo(claims.expiresAt());

        // Confirmed one second before the link expires.
        confirm(customer, claims.nonce(), claims.expiresAt().minusSeconds(1));

        await().atMost(PATIENCE).until(() -> status(customer).equals("ACTIVE"));
        List<String> types = jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ? ORDER BY sequence",
                String.class, customer);
        assertThat(types).containsExactly("PENDING_CONFIRMATION", "CONFIRMED");
        // Both steps are kept: when the message went out and when the customer clicked.
        var evidence = jdbc.queryForMap("SELECT sent_at, confirmed_at FROM confirmation_requests WHERE nonce = ?",
                claims.nonce());
        assertThat(evidence.get("sent_at")).isNotNull();
        assertThat(((java.time.OffsetDateTime) jdbc.queryForObject(
                "SELECT confirmed_at FROM confirmation_requests WHERE nonce = ?", java.time.OffsetDateTime.class,
                claims.nonce())).toInstant()).isEqualTo(claims.expiresAt().minusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT source FROM consent_ledger WHERE customer_id = ? AND type = 'CONFIRMED'",
                String.class, customer)).isEqualTo("CONFIRMATION_LINK");
        // The ledger alone proves both steps: the CONFIRMED entry's chained evidence has them, and the nonce.
        Instant sentAt = ((java.sql.Timestamp) evidence.get("sent_at")).toInstant();
        JsonNode confirmedEntry = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read").json()
                .get("entries").get(1);
        assertThat(confirmedEntry.get("type").asString()).isEqualTo("CONFIRMED");
        JsonNode proof = confirmedEntry.get("evidence");
        assertThat(Instant.parse(proof.get("confirmationSentAt").asString())).isEqualTo(sentAt);
        assertThat(Instant.parse(proof.get("confirmationClickedAt").asString()))
                .isEqualTo(claims.expiresAt().minusSeconds(1));
        assertThat(proof.get("confirmationNonce").asString()).isEqualTo(claims.nonce());
        assertThat(proof.get("ipAddress").asString()).isEqualTo("198.51.100.9");
        JsonNode pendingSent = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read").json()
                .get("entries").get(0).get("evidence").path("confirmationSentAt");
        assertThat(pendingSent.isNull() || pendingSent.isMissingNode()).isTrue();

        // The same link again confirms nothing more.
        double used = confirmations("ALREADY_USED");
        confirm(customer, claims.nonce(), claims.expiresAt().minusSeconds(1));
        await().atMost(PATIENCE).until(() -> confirmations("ALREADY_USED") >= used + 1);
        assertThat(jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ? ORDER BY sequence",
                String.class, customer)).containsExactly("PENDING_CONFIRMATION", "CONFIRMED");
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aLinkFollowedAfterSevenDaysConfirmsNothing() {
        String customer = customer();
        grant(customer, customer + "@example.com");
        LinkClaims claims = claims(confirmationMessage(customer));
        double expired = confirmations("EXPIRED");

        confirm(customer, claims.nonce(), claims.expiresAt());

        await().atMost(PATIENCE).until(() -> confirmations("EXPIRED") >= expired + 1);
        assertThat(status(customer)).isEqualTo("PENDING_CONFIRMATION");
        assertThat(jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ?", String.class, customer))
                .containsExactly("PENDING_CONFIRMATION");
    }

    @Test
    void anUnknownNonceConfirmsNothing() {
        String customer = customer();
        grant(customer, customer + "@example.com");
        confirmationMessage(customer);
        double unknown = confirmations("UNKNOWN");

        confirm(customer, "forged-nonce", clock.instant());

        await().atMost(PATIENCE).until(() -> confirmations("UNKNOWN") >= unknown + 1);
        assertThat(status(customer)).isEqualTo("PENDING_CONFIRMATION");
    }

    @Test
    void personalDataOfRequestsNeverConfirmedIsPurgedAfterThirtyDays() {
        String confirmedCustomer = customer();
        grant(confirmedCustomer, confirmedCustomer + "@example.com");
        LinkClaims confirmed = claims(confirmationMessage(confirmedCustomer));
        confirm(confirmedCustomer, confirmed.nonce(), clock.instant());
        await().atMost(PATIENCE).until(() -> status(confirmedCustomer).equals("ACTIVE"));
        String unconfirmedCustomer = customer();
        String pendingEntry = grant(unconfirmedCustomer, unconfirmedCustomer + "@example.com").get("entryId").asString();
        confirmationMessage(unconfirmedCustomer);

        clock.advance(Duration.ofDays(29));
        assertThat(purge.run()).isZero();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(purge.run()).isGreaterThanOrEqualTo(1);

        JsonNode pending = api.get("/api/v1/customers/" + unconfirmedCustomer + "/consents", "consents:read").json()
                .get("consents").get(0);
        assertThat(pending.get("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(pending.get("address").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_personal_data WHERE entry_id = ?::uuid", Long.class,
                pendingEntry)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM confirmation_requests WHERE customer_id = ?", Long.class,
                unconfirmedCustomer)).isZero();
        JsonNode kept = api.get("/api/v1/customers/" + confirmedCustomer + "/consents", "consents:read").json()
                .get("consents").get(0);
        assertThat(kept.get("address").asString()).isEqualTo(confirmedCustomer + "@example.com");
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    private JsonNode grant(String customer, String email) {
        Api.Response response = api.post("/api/v1/consents",
                ConsentJson.grant(customer, "EMAIL", email, "OPT_IN", "WEB_FORM", true), "consents:write");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private SendMessage confirmationMessage(String customer) {
        try (var requests = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("requests"))) {
            return requests.awaitValues(customer, KairosSerdes.sendMessage()::decode, m -> !m.isEmpty()).get(0);
        }
    }

    private LinkClaims claims(SendMessage message) {
        Matcher link = CONFIRMATION_LINK.matcher(message.getContent().get("EMAIL").getText());
        assertThat(link.find()).isTrue();
        LinkCheck check = links.verify(link.group(1));
        assertThat(check).isInstanceOf(LinkCheck.Valid.class);
        return ((LinkCheck.Valid) check).claims();
    }

    /** What the preferences confirmation page submits when the customer confirms. */
    private void confirm(String customer, String nonce, Instant clickedAt) {
        publisher.send(topics.name("consent-submissions"), customer, KairosSerdes.consentSubmitted().encode(
                ConsentSubmitted.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setCustomerId(customer)
                        .setAction(ConsentAction.CONFIRM)
                        .setChannel(Channel.EMAIL)
                        .setPurpose("promotions")
                        .setTokenNonce(nonce)
                        .setEvidence(Evidence.newBuilder().setSource("CONFIRMATION_LINK").setIpAddress("198.51.100.9")
                                .setUserAgent("Mozilla/5.0").build())
                        .setSubmittedAt(clickedAt)
                        .build()));
    }

    private String status(String customer) {
        return api.get("/api/v1/customers/" + customer + "/consents", "consents:read").json()
                .get("consents").get(0).get("status").asString();
    }

    private double confirmations(String outcome) {
        return api.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("kairos_compliance_confirmations_total{")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }
}
