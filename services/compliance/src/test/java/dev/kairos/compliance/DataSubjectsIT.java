package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.kairos.compliance.subjects.RetainedProofPurge;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
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
 * Data-subject requests against a real broker and PostgreSQL. Preferences and dispatch are stood in for by
 * a small HTTP server answering their data-export endpoint over real HTTP: it serves what they would hold,
 * checks the bearer token compliance presents, and forgets a customer once told they were erased.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataSubjectsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PREFERENCES_TOKEN = TestTokens.bearer("subjects:export");
    private static final String DISPATCH_TOKEN = TestTokens.bearer("subjects:export");
    private static final OtherServicesStub OTHERS = new OtherServicesStub();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance");
        registry.add("kairos.subjects.services.preferences.base-url", () -> OTHERS.url("/preferences"));
        registry.add("kairos.subjects.services.preferences.token", () -> PREFERENCES_TOKEN);
        registry.add("kairos.subjects.services.dispatch.base-url", () -> OTHERS.url("/dispatch"));
        registry.add("kairos.subjects.services.dispatch.token", () -> DISPATCH_TOKEN);
    }

    @TestConfiguration
    static class Clocks {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        }
    }

    @AfterAll
    static void stopStub() {
        OTHERS.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    RetainedProofPurge proofPurge;

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
    void dataSubjectRequestsNeedTheirOwnScopesNotTheConsentOnes() {
        String customer = customer();
        String export = "/api/v1/customers/" + customer + "/data-export";
        assertThat(api.get(export, "consents:read").status()).isEqualTo(403);
        assertThat(api.get(export, "subjects:erase").status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/customers/" + customer, "consents:write").status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/customers/" + customer, "subjects:export").status()).isEqualTo(403);
        assertThat(api.get(export, "subjects:export").status()).isEqualTo(200);
    }

    @Test
    void theExportHoldsEverythingKairosKnowsOfTheCustomer() {
        String customer = customer();
        String email = customer + "@example.com";
        String phone = uniquePhone();
        OTHERS.holds(customer, "{\"customerId\": \"" + customer + "\", \"contactPoints\": {\"email\": \"" + email + "\"}}",
                "{\"customerId\": \"" + customer + "\", \"messages\": [{\"requestId\": \"r-1\", \"status\": \"SENT\"}]}");
        grant(customer, "SMS", phone, "FR", "OPT_IN", "WEB_FORM", "Agent-" + customer);
        publisher.send(topics.name("contact-preferences"), customer,
                Records.contactPreferences(customer, 1, email, phone, null));
        publisher.send(topics.name("consent-submissions"), customer,
                Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null));
        await().atMost(PATIENCE).until(() -> export(customer).at("/compliance/consents").size() == 2
                && export(customer).at("/compliance/addressesOnRecord").size() == 2);

        Api.Response response = api.get("/api/v1/customers/" + customer + "/data-export", "subjects:export");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode export = response.json();
        assertThat(export.get("customerId").asString()).isEqualTo(customer);
        JsonNode ledger = export.at("/compliance/ledger");
        assertThat(ledger).hasSize(2);
        assertThat(ledger.get(0).get("address").asString()).isEqualTo(phone);
        assertThat(ledger.get(0).at("/evidence/userAgent").asString()).isEqualTo("Agent-" + customer);
        assertThat(ledger.get(1).get("address").asString()).isEqualTo(email);
        assertThat(export.at("/compliance/consents").valueStream().map(c -> c.get("address").asString()))
                .containsExactlyInAnyOrder(phone, email);
        assertThat(export.at("/compliance/addressesOnRecord/SMS").asString()).isEqualTo(Records.HMAC.of(phone));
        assertThat(export.at("/preferences/contactPoints/email").asString()).isEqualTo(email);
        assertThat(export.at("/dispatch/messages/0/status").asString()).isEqualTo("SENT");
        assertThat(OTHERS.tokenSeen("/preferences")).isEqualTo("Bearer " + PREFERENCES_TOKEN);
        assertThat(OTHERS.tokenSeen("/dispatch")).isEqualTo("Bearer " + DISPATCH_TOKEN);

        assertThat(api.get("/api/v1/customers/" + customer + "/data-export", "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/customers/has%20space/data-export", "subjects:export").status()).isEqualTo(400);
    }

    @Test
    void anExportThatAnotherServiceCannotCompleteIsRefusedRatherThanIncomplete() {
        String customer = customer();
        OTHERS.failsFor(customer);

        Api.Response response = api.get("/api/v1/customers/" + customer + "/data-export", "subjects:export");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("service").asString()).isEqualTo("dispatch");
    }

    @Test
    void erasureLeavesNoPersonalDataKeepsTheChainRefusesAReimportAndAcceptsAFreshOptInConfirmedFromTheAddress() {
        String customer = customer();
        String email = customer + "@example.com";
        String phone = uniquePhone();
        String agent = "Agent-" + customer;
        OTHERS.holds(customer, "{\"contactPoints\": {\"email\": \"" + email + "\"}}", "{\"messages\": []}");
        grant(customer, "SMS", phone, "FR", "OPT_IN", "WEB_FORM", agent);
        grant(customer, "EMAIL", email, "FR", "OPT_IN", "WEB_FORM", agent);
        publisher.send(topics.name("contact-preferences"), customer,
                Records.contactPreferences(customer, 1, email, phone, null));
        await().atMost(PATIENCE).until(() -> export(customer).at("/compliance/addressesOnRecord").size() == 2);
        assertThat(api.post("/api/v1/activities", """
                {"customerId": "%s", "type": "CLICK", "at": "2026-11-20T09:00:00Z"}""".formatted(customer),
                "consents:write").status()).isEqualTo(201);
        assertThat(export(customer).at("/compliance/activities/0/type").asString()).isEqualTo("CLICK");
        // A mailto unsubscribe leaves an opt-out that marketing topics added later inherit (ADR 0013).
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(email), Records.mailtoUnsubscribe(email));
        await().atMost(PATIENCE).until(() -> optOutsOf(customer) == 1);
        assertThat(export(customer).at("/compliance/emailMarketingOptOut/optedOutAt").isString()).isTrue();

        Api.Response erased = api.delete("/api/v1/customers/" + customer, "subjects:erase");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("addressesSuppressed").asInt()).isEqualTo(2);
        assertThat(erased.json().get("proofsRetained").asInt()).isZero();
        try (var erasures = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("erasures"));
             var suppressions = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"));
             var states = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consents"))) {
            List<ConsentState> snapshots = states.awaitValues(customer, KairosSerdes.consentState()::decode,
                    s -> !s.isEmpty() && s.get(s.size() - 1) == null);
            assertThat(snapshots.get(snapshots.size() - 1)).as("a tombstone ends the customer's snapshots").isNull();
            CustomerErased announced = erasures.awaitValues(customer, KairosSerdes.customerErased()::decode,
                    e -> !e.isEmpty()).get(0);
            assertThat(announced.getAddressHmacs()).containsExactlyInAnyOrder(Records.HMAC.of(email), Records.HMAC.of(phone));
            for (String address : List.of(email, phone)) {
                Suppression suppression = suppressions.awaitValues(Records.HMAC.of(address),
                        KairosSerdes.suppression()::decode, s -> !s.isEmpty()).get(0);
                assertThat(suppression.getReason()).isEqualTo(SuppressionReason.ERASURE);
                assertThat(suppression.getChannel()).isNull();
            }
        }
        OTHERS.erase(customer);

        // No personal data in any export, nor anywhere in compliance's database.
        String export = api.get("/api/v1/customers/" + customer + "/data-export", "subjects:export").body();
        assertThat(export).doesNotContain(email).doesNotContain(phone).doesNotContain(agent).contains(customer);
        assertThat(export(customer).at("/compliance/activities")).as("behaviour is personal data too").isEmpty();
        String consents = api.get("/api/v1/customers/" + customer + "/consents", "consents:read").body();
        assertThat(consents).doesNotContain(email).doesNotContain(phone);
        assertThat(tablesContaining(email)).isEmpty();
        assertThat(tablesContaining(phone)).isEmpty();
        assertThat(tablesContaining(agent)).isEmpty();
        assertThat(optOutsOf(customer)).as("an erased customer inherits no later withdrawal").isZero();
        JsonNode optOut = export(customer).at("/compliance/emailMarketingOptOut");
        assertThat(optOut.isNull() || optOut.isMissingNode()).as("opt-out in the export: %s", optOut).isTrue();
        JsonNode verification = api.get("/api/v1/audit/ledger/verification", "audit:read").json();
        assertThat(verification.get("valid").asBoolean()).isTrue();

        // A re-import, or an implied consent, for an erased address is refused.
        Api.Response reimport = api.post("/api/v1/consents",
                ConsentJson.grant("c-imported-" + UUID.randomUUID(), "EMAIL", email.toUpperCase(), "FR", "OPT_IN",
                        "IMPORT", false), "consents:write");
        assertThat(reimport.status()).isEqualTo(400);
        assertThat(reimport.json().get("errors").get(0).get("field").asString()).isEqualTo("address");
        Api.Response implied = api.post("/api/v1/consents",
                ConsentJson.grant(customer, "SMS", phone, "CA", "IMPLIED_PURCHASE", "WEB_FORM", false), "consents:write");
        assertThat(implied.status()).isEqualTo(400);
        Api.Response impliedByPurchase = api.post("/api/v1/activities", """
                {"customerId": "%s", "type": "PURCHASE", "at": "2026-11-20T10:00:00Z", "channel": "SMS",
                 "address": "%s", "purpose": "newsletter", "jurisdiction": "CA"}""".formatted(customer, phone),
                "consents:write");
        assertThat(impliedByPurchase.status()).as("the activity itself is kept").isEqualTo(201);
        assertThat(impliedByPurchase.json().get("entries")).as("but implies no consent").isEmpty();
        assertThat(suppressedFor(email)).isEqualTo("ERASURE");

        // The person's opt-in on a form is refused until confirmed from the address by double opt-in.
        Api.Response unconfirmed = api.post("/api/v1/consents",
                ConsentJson.grant(customer, "EMAIL", email, "FR", "OPT_IN", "WEB_FORM", false), "consents:write");
        assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(400);
        assertThat(unconfirmed.json().at("/errors/0/field").asString()).isEqualTo("address");
        assertThat(unconfirmed.json().at("/errors/0/message").asString()).contains("double opt-in");
        Api.Response fresh = api.post("/api/v1/consents",
                ConsentJson.grant(customer, "EMAIL", email, "FR", "OPT_IN", "WEB_FORM", true), "consents:write");
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(201);
        assertThat(fresh.json().get("status").asString()).isEqualTo("PENDING_CONFIRMATION");
        assertThat(suppressedFor(email)).as("a pending grant lifts nothing").isEqualTo("ERASURE");

        // The person's click on the confirmation sent to the address lifts it, on the ledger.
        String nonce = await().atMost(PATIENCE).until(() -> jdbc.query(
                "SELECT nonce FROM confirmation_requests WHERE customer_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, customer), java.util.Objects::nonNull);
        publisher.send(topics.name("consent-submissions"), customer,
                Records.submission(customer, ConsentAction.CONFIRM, Channel.EMAIL, email, nonce));
        await().atMost(PATIENCE).until(() -> suppressedFor(email) == null);
        assertThat(suppressedFor(phone)).isEqualTo("ERASURE");
        try (var suppressions = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"))) {
            List<Suppression> history = suppressions.awaitValues(Records.HMAC.of(email),
                    bytes -> bytes == null ? null : KairosSerdes.suppression().decode(bytes), s -> s.size() >= 2);
            assertThat(history.get(history.size() - 1)).as("a tombstone lifts the suppression").isNull();
        }
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void usConsentProofOutlivesTheErasureOutOfEveryApiForFiveYears() {
        String customer = customer();
        String phone = "+1305" + String.format("%07d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L));
        OTHERS.holds(customer, "{}", "{}");
        grant(customer, "SMS", phone, "US-FL", "PRIOR_EXPRESS_WRITTEN", "WEB_FORM", "Agent-" + customer);

        Api.Response erased = api.delete("/api/v1/customers/" + customer, "subjects:erase");

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.json().get("proofsRetained").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/" + customer + "/data-export", "subjects:export").body()).doesNotContain(phone);
        assertThat(tablesContaining(phone)).containsExactly("retained_consent_proof");
        assertThat(jdbc.queryForObject("""
                SELECT r.retain_until = l.recorded_at + interval '5 years' FROM retained_consent_proof r
                JOIN consent_ledger l ON l.entry_id = r.entry_id WHERE l.customer_id = ?""", Boolean.class, customer))
                .isTrue();

        clock.advance(Duration.ofDays(5 * 365));
        proofPurge.run();
        assertThat(tablesContaining(phone)).containsExactly("retained_consent_proof");
        clock.advance(Duration.ofDays(2));
        assertThat(proofPurge.run()).isGreaterThanOrEqualTo(1);
        assertThat(tablesContaining(phone)).isEmpty();
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    private JsonNode export(String customer) {
        return api.get("/api/v1/customers/" + customer + "/data-export", "subjects:export").json();
    }

    private String suppressedFor(String address) {
        JsonNode found = api.get("/api/v1/suppressions?address=" + URLEncoder.encode(address, StandardCharsets.UTF_8),
                "consents:read").json().get("suppressions");
        return found.isEmpty() ? null : found.get(0).get("reason").asString();
    }

    /** Every table of the service's schema with a row whose text contains {@code needle}. */
    private long optOutsOf(String customer) {
        return jdbc.queryForObject("SELECT count(*) FROM email_marketing_opt_outs WHERE customer_id = ?", Long.class,
                customer);
    }

    private List<String> tablesContaining(String needle) {
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'
                ORDER BY table_name""", String.class);
        return tables.stream()
                .filter(table -> jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?",
                        Long.class, "%" + needle + "%") > 0)
                .toList();
    }

    private void grant(String customer, String channel, String address, String jurisdiction, String basis, String source,
                       String userAgent) {
        String body = ConsentJson.grant(customer, channel, address, jurisdiction, basis, source, false)
                .replace("Mozilla/5.0", userAgent);
        Api.Response response = api.post("/api/v1/consents", body, "consents:write");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }

    private static String uniquePhone() {
        return "+3368" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }

    /** Preferences and dispatch as seen through their data-export endpoints. */
    static final class OtherServicesStub {

        private final HttpServer server;
        private final Map<String, String> preferences = new ConcurrentHashMap<>();
        private final Map<String, String> dispatch = new ConcurrentHashMap<>();
        private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
        private final Map<String, String> tokens = new ConcurrentHashMap<>();

        OtherServicesStub() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/preferences/api/v1/customers/", exchange -> answer(exchange, "/preferences", preferences));
            server.createContext("/dispatch/api/v1/customers/", exchange -> answer(exchange, "/dispatch", dispatch));
            server.start();
        }

        private void answer(com.sun.net.httpserver.HttpExchange exchange, String service, Map<String, String> held)
                throws IOException {
            String path = exchange.getRequestURI().getPath();
            String customer = path.replaceAll(".*/customers/([^/]+)/data-export$", "$1");
            tokens.put(service, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status;
            String body;
            if (failing.containsKey(customer) && service.equals("/dispatch")) {
                status = 500;
                body = "{}";
            } else if (held.containsKey(customer)) {
                status = 200;
                body = held.get(customer);
            } else {
                status = 404;
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        String url(String service) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + service;
        }

        void holds(String customer, String preferencesJson, String dispatchJson) {
            preferences.put(customer, preferencesJson);
            dispatch.put(customer, dispatchJson);
        }

        void erase(String customer) {
            preferences.remove(customer);
            dispatch.remove(customer);
        }

        void failsFor(String customer) {
            failing.put(customer, true);
        }

        String tokenSeen(String service) {
            return tokens.get(service);
        }

        void stop() {
            server.stop(0);
        }
    }
}
