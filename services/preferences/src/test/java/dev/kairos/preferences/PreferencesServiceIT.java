package dev.kairos.preferences;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kairos.platform.local.LocalIssuer;
import dev.kairos.platform.testing.OpenApiDocument;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service over HTTP, against a real Kafka broker and a real PostgreSQL with the real migrations. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreferencesServiceIT {

    private static final String READ = "preferences:read";
    private static final String WRITE = "preferences:write";
    private static final String CATALOGUE = "catalogue:write";

    /** The role the service connects as; the owner ran the migrations. */
    private static String applicationRole;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        applicationRole = ServiceTestProperties.registerAsApplicationRole(registry, "preferences");
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    /** Ids unique to each test, so runs against a long-lived external broker never read each other's records. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theCatalogueHoldsTheTopicsThatComplianceSendsOnFromTheStart() throws Exception {
        JsonNode confirmation = null;
        JsonNode acknowledgement = null;
        for (JsonNode entry : body(get("/api/v1/topics", READ))) {
            if (entry.get("topicId").asString().equals("consent-confirmation")) {
                confirmation = entry;
            }
            if (entry.get("topicId").asString().equals("consent-acknowledgements")) {
                acknowledgement = entry;
            }
        }
        assertThat(confirmation).as("consent-confirmation in the catalogue").isNotNull();
        assertThat(confirmation.get("category").asString()).isEqualTo("SERVICE");
        assertThat(confirmation.get("urgent").asBoolean()).isTrue();
        assertThat(acknowledgement).as("consent-acknowledgements in the catalogue").isNotNull();
        assertThat(acknowledgement.get("category").asString()).isEqualTo("SERVICE");
        assertThat(acknowledgement.get("urgent").asBoolean()).as("it waits for the end of quiet hours").isFalse();
        try (TopicReader catalogue = new TopicReader(kafka(), topics.name("topics"))) {
            assertThat(catalogue.awaitAtLeast("consent-confirmation", 1)).isNotEmpty();
            assertThat(catalogue.awaitAtLeast("consent-acknowledgements", 1)).isNotEmpty();
        }
    }

    @Test
    void publishesTheCatalogueEntryAndAFullSnapshotOfEachVersion() throws Exception {
        String promotions = "promotions-" + run;
        String customer = "c-" + run;

        HttpResponse<String> created = put("/api/v1/topics/" + promotions, topicBody("Promotions", "MARKETING"), null, CATALOGUE);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(body(created).get("purpose").asString()).isEqualTo(promotions);
        HttpResponse<String> replaced = put("/api/v1/topics/" + promotions, topicBody("Offers", "MARKETING"), null, CATALOGUE);
        assertThat(replaced.statusCode()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        body(get("/api/v1/topics", READ)).forEach(entry -> listed.add(entry.get("topicId").asString() + "=" + entry.get("name").asString()));
        assertThat(listed).contains(promotions + "=Offers");

        HttpResponse<String> first = put(preferencesOf(customer), camille(promotions, "Camille.Durand@Example.FR"), null, WRITE);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(body(first).get("version").asLong()).isEqualTo(1);
        assertThat(body(first).get("contactPoints").get("email").asString()).isEqualTo("Camille.Durand@example.fr");

        try (TopicReader catalogue = new TopicReader(kafka(), topics.name("topics"))) {
            List<ConsumerRecord<String, byte[]>> entries = catalogue.awaitAtLeast(promotions, 2);
            TopicCatalogueEntry latest = KairosSerdes.topicCatalogueEntry().decode(entries.get(1).value());
            assertThat(latest.getTopicId()).isEqualTo(promotions);
            assertThat(latest.getName()).isEqualTo("Offers");
            assertThat(latest.getCategory()).isEqualTo(TopicCategory.MARKETING);
            assertThat(latest.getPurpose()).isEqualTo(promotions);
            assertThat(latest.getDefaultChannels()).containsExactly(Channel.EMAIL);
        }

        HttpResponse<String> second = put(preferencesOf(customer), camille(promotions, "camille@example.org"), null, WRITE);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("ETag")).hasValue("\"2\"");

        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ContactPreferences> versions = decoded(snapshots.awaitAtLeast(customer, 2));
            assertThat(versions).extracting(ContactPreferences::getVersion).containsExactly(1L, 2L);
            ContactPreferences v1 = versions.get(0);
            assertThat(v1.getCustomerId()).isEqualTo(customer);
            assertThat(v1.getLocale()).isEqualTo("fr-FR");
            assertThat(v1.getContactPoints().getEmail()).isEqualTo("Camille.Durand@example.fr");
            assertThat(v1.getContactPoints().getSms()).isEqualTo("+33612345678");
            assertThat(v1.getTopics()).containsOnlyKeys(promotions);
            assertThat(v1.getTopics().get(promotions).getChannels()).containsExactly(Channel.EMAIL);
            assertThat(v1.getTopics().get(promotions).getFrequency().getMax()).isEqualTo(1);
            assertThat(versions.get(1).getContactPoints().getEmail()).isEqualTo("camille@example.org");
            assertThat(versions.get(1).getUpdatedAt()).isAfterOrEqualTo(v1.getUpdatedAt());
        }

        HttpResponse<String> read = get(preferencesOf(customer), READ);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(read.body()).as("a read serves the stored text; it is the body the write answered")
                .isEqualTo(second.body());
        assertThat(read.headers().firstValue("ETag")).hasValue("\"2\"");
        assertThat(body(read).get("version").asLong()).isEqualTo(2);
        assertThat(body(read).get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(body(read).get("topics").get(promotions).get("frequency").get("per").asString()).isEqualTo("WEEK");
    }

    @Test
    void aWriteBasedOnAStaleVersionIsRefusedAndChangesNothing() throws Exception {
        String billing = "billing-" + run;
        String customer = "c-" + run;
        put("/api/v1/topics/" + billing, topicBody("Billing", "SERVICE"), null, CATALOGUE);
        assertThat(put(preferencesOf(customer), camille(billing, "one@example.fr"), null, WRITE).statusCode()).isEqualTo(200);
        assertThat(put(preferencesOf(customer), camille(billing, "two@example.fr"), "\"1\"", WRITE).statusCode()).isEqualTo(200);

        HttpResponse<String> stale = put(preferencesOf(customer), camille(billing, "stale@example.fr"), "\"1\"", WRITE);

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        HttpResponse<String> read = get(preferencesOf(customer), READ);
        assertThat(body(read).get("version").asLong()).isEqualTo(2);
        assertThat(body(read).get("contactPoints").get("email").asString()).isEqualTo("two@example.fr");

        // The relay publishes in commit order: had the refused write produced a record, it would come before version 3.
        assertThat(put(preferencesOf(customer), camille(billing, "three@example.fr"), null, WRITE).statusCode()).isEqualTo(200);
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ContactPreferences> versions = decoded(snapshots.awaitAtLeast(customer, 3));
            assertThat(versions).extracting(v -> v.getContactPoints().getEmail())
                    .containsExactly("one@example.fr", "two@example.fr", "three@example.fr");
            assertThat(versions).extracting(ContactPreferences::getVersion).containsExactly(1L, 2L, 3L);
        }
    }

    /**
     * ADR 0047: the snapshot the outbox relay publishes, on a thread with no trace of its own, carries the trace of
     * the request whose transaction wrote it, under the service's own span.
     */
    @Test
    void theRelayedSnapshotCarriesTheTraceOfTheRequestThatWroteIt() throws Exception {
        String billing = "billing-" + run;
        String customer = "c-" + run;
        put("/api/v1/topics/" + billing, topicBody("Billing", "SERVICE"), null, CATALOGUE);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";

        HttpResponse<String> written = http.send(HttpRequest.newBuilder(uri(preferencesOf(customer)))
                .PUT(HttpRequest.BodyPublishers.ofString(camille(billing, "traced@example.fr")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.bearer(WRITE))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(written.statusCode()).isEqualTo(200);
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            Header header = snapshots.awaitAtLeast(customer, 1).get(0).headers().lastHeader("traceparent");
            assertThat(header).as("traceparent header on the relayed record").isNotNull();
            String[] traceparent = new String(header.value(), StandardCharsets.UTF_8).split("-");
            assertThat(traceparent[1]).as("trace id").isEqualTo(traceId);
            assertThat(traceparent[2]).as("the service's own span").isNotEqualTo(callerSpan);
        }
    }

    @Test
    void theApiNeedsABearerTokenWithTheRightScope() throws Exception {
        String customer = "c-" + run;
        String document = camille("billing", "camille@example.fr");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri(preferencesOf(customer)))
                .PUT(HttpRequest.BodyPublishers.ofString(document)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(put(preferencesOf(customer), document, null, READ).statusCode()).isEqualTo(403);
        assertThat(get(preferencesOf(customer), WRITE).statusCode()).isEqualTo(403);
        assertThat(put("/api/v1/topics/billing", topicBody("Billing", "SERVICE"), null, READ).statusCode()).isEqualTo(403);
        assertThat(put("/api/v1/topics/billing", topicBody("Billing", "SERVICE"), null, WRITE).statusCode())
                .as("editing preferences is not editing the catalogue").isEqualTo(403);
        assertThat(get("/api/v1/customers/" + customer + "/data-export", READ).statusCode())
                .as("reading preferences is not a data-subject export").isEqualTo(403);
        assertThat(get("/api/v1/customers/" + customer + "/data-export", "subjects:export").statusCode()).isEqualTo(200);
        assertThat(get(preferencesOf(customer), READ).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyAnExpiringAccessTokenOfTheIssuerForThisServiceIsAccepted() throws Exception {
        String path = preferencesOf("c-" + run);
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(LocalIssuer.ISSUER).subject("test")
                .claim("scope", READ).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));

        assertThat(status(path, TestTokens.signed(LocalIssuer.ACCESS_TOKEN, claims.audience(TestTokens.AUDIENCE).build())))
                .as("the control: a well-formed token").isEqualTo(404);
        assertThat(status(path, TestTokens.signed(LocalIssuer.ACCESS_TOKEN, claims.audience(LocalIssuer.DISPATCH).build())))
                .as("minted for another service").isEqualTo(401);
        assertThat(status(path, TestTokens.signed(LocalIssuer.ACCESS_TOKEN, claims.audience((String) null).build())))
                .as("without audience").isEqualTo(401);
        assertThat(status(path, TestTokens.signed(LocalIssuer.ACCESS_TOKEN,
                claims.audience(TestTokens.AUDIENCE).expirationTime(null).build()))).as("without expiry").isEqualTo(401);
        assertThat(status(path, TestTokens.signed(JOSEObjectType.JWT,
                claims.expirationTime(Date.from(now.plusSeconds(600))).build()))).as("typed JWT, not at+jwt").isEqualTo(401);
    }

    private int status(String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aTokenCarryingAControlCharacterIsRefusedByTheFirewallAndAMalformedOneByTheResolver() throws Exception {
        String path = preferencesOf("c-" + run);
        String token = TestTokens.bearer(READ);
        // Byte 0x85 passes Tomcat's parser (obs-text) and reads as U+0085, a control: the strict firewall refuses it.
        assertThat(rawStatus(path, ("Bearer " + token).getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0x85}))
                .isEqualTo(400);
        assertThat(rawStatus(path, ("Bearer " + token + " x").getBytes(StandardCharsets.US_ASCII), new byte[0]))
                .as("a space inside the token").isEqualTo(401);
        assertThat(rawStatus(path, ("bearer " + token).getBytes(StandardCharsets.US_ASCII), new byte[0]))
                .as("the scheme in any case").isEqualTo(404);
    }

    /** The status of a GET sent byte for byte, so the Authorization header can carry what HttpClient refuses. */
    private int rawStatus(String path, byte[] authorization, byte[] tail) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(authorization);
            out.write(tail);
            out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void anInvalidDocumentIsRefusedNamingEveryBadFieldAndNothingIsStored() throws Exception {
        String promotions = "promotions-" + run;
        String customer = "c-" + run;
        put("/api/v1/topics/" + promotions, topicBody("Promotions", "MARKETING"), null, CATALOGUE);
        String invalid = """
                {"locale": "fr_FR", "timeZone": "Paris",
                 "formOfAddress": {"title": "MADAM"},
                 "contactPoints": {"email": "camille@", "sms": "06 12 34 56 78"},
                 "quietHours": [{"from": "21h", "to": "08:00", "channels": ["SMS", "FAX"]}],
                 "topics": {"%s": {"channels": ["EMAIL"], "frequency": {"max": 0, "per": "WEEK"}},
                            "unheard-of-%s": {"channels": ["EMAIL"]}}}
                """.formatted(promotions, run);

        HttpResponse<String> refused = put(preferencesOf(customer), invalid, null, WRITE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        body(refused).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("locale", "timeZone", "formOfAddress.title",
                "contactPoints.email", "contactPoints.sms", "quietHours[0].from", "quietHours[0].channels[1]",
                "topics." + promotions + ".frequency.max", "topics.unheard-of-" + run);
        assertThat(get(preferencesOf(customer), READ).statusCode()).isEqualTo(404);
    }

    /** One rule per case: the valid document with one part replaced, and the field the answer must name. */
    static Stream<Arguments> oneBrokenRuleEach() {
        return Stream.of(
                Arguments.of("a phone number too short", "\"sms\": \"+33612345678\"", "\"sms\": \"+336123\"", "contactPoints.sms"),
                Arguments.of("a national phone number", "\"sms\": \"+33612345678\"", "\"sms\": \"06 12 34 56 78\"", "contactPoints.sms"),
                Arguments.of("a fixed-line number for SMS", "\"sms\": \"+33612345678\"", "\"sms\": \"+33142685300\"", "contactPoints.sms"),
                Arguments.of("an email without domain", "camille.durand@example.fr", "camille.durand@", "contactPoints.email"),
                Arguments.of("an unknown zone", "Europe/Paris", "Europe/Atlantis", "timeZone"),
                Arguments.of("a fixed offset for zone", "Europe/Paris", "+01:00", "timeZone"),
                Arguments.of("a malformed locale", "fr-FR", "fr_FR", "locale"),
                Arguments.of("an unknown title", "\"NONE\"", "\"MADAM\"", "formOfAddress.title"),
                Arguments.of("a jurisdiction outside ISO 3166", "\"jurisdiction\": \"FR\"", "\"jurisdiction\": \"EU\"", "jurisdiction"),
                Arguments.of("a postal region of another country", "\"country\": \"FR\"", "\"country\": \"FR\", \"region\": \"US-FL\"", "contactPoints.postal.region"),
                Arguments.of("a malformed quiet hour", "\"from\": \"21:00\"", "\"from\": \"21h\"", "quietHours[0].from"),
                Arguments.of("empty quiet hours", "\"from\": \"21:00\", \"to\": \"08:00\"", "\"from\": \"08:00\", \"to\": \"08:00\"", "quietHours[0].to"),
                Arguments.of("an unknown quiet-hours channel", "\"channels\": [\"SMS\"]}]", "\"channels\": [\"FAX\"]}]", "quietHours[0].channels[0]"),
                Arguments.of("a malformed send window", "\"from\": \"10:00\"", "\"from\": \"10:60\"", "sendWindows[0].from"),
                Arguments.of("an empty send window", "\"from\": \"10:00\", \"to\": \"12:00\"", "\"from\": \"12:00\", \"to\": \"12:00\"", "sendWindows[0].to"),
                Arguments.of("an unknown send-window day", "\"SUNDAY\"]", "\"SUNDAE\"]", "sendWindows[0].days[1]"),
                Arguments.of("an unknown channel priority", "[\"SMS\", \"EMAIL\", \"MAIL\"]", "[\"SMS\", \"PIGEON\"]", "channelPriority[1]"),
                Arguments.of("an unknown topic channel", "{\"channels\": [\"EMAIL\"], \"frequency\"", "{\"channels\": [\"FAX\"], \"frequency\"", "topics.%s.channels[0]"),
                Arguments.of("an unknown topic", "\"topics\": {", "\"topics\": {\"unheard-of\": {}, ", "topics.unheard-of"),
                Arguments.of("a zero frequency cap", "{\"max\": 1, \"per\": \"WEEK\"}}", "{\"max\": 0, \"per\": \"WEEK\"}}", "topics.%s.frequency.max"),
                Arguments.of("an unknown cap period", "{\"max\": 1, \"per\": \"WEEK\"}}", "{\"max\": 1, \"per\": \"FORTNIGHT\"}}", "topics.%s.frequency.per"),
                Arguments.of("a negative overall cap", "{\"max\": 3, \"per\": \"WEEK\"}", "{\"max\": -1, \"per\": \"WEEK\"}", "overallCap.max"),
                Arguments.of("an invalid digest day", "\"frequency\": {\"max\": 1, \"per\": \"WEEK\"}", "\"digest\": {\"every\": \"WEEK\", \"on\": \"SABBATH\", \"at\": \"09:00\"}", "topics.%s.digest.on"),
                Arguments.of("an invalid digest time", "\"frequency\": {\"max\": 1, \"per\": \"WEEK\"}", "\"digest\": {\"every\": \"WEEK\", \"on\": \"SATURDAY\", \"at\": \"9 am\"}", "topics.%s.digest.at"),
                Arguments.of("a weekly digest without day", "\"frequency\": {\"max\": 1, \"per\": \"WEEK\"}", "\"digest\": {\"every\": \"WEEK\", \"at\": \"09:00\"}", "topics.%s.digest.on"),
                Arguments.of("a monthly digest", "\"frequency\": {\"max\": 1, \"per\": \"WEEK\"}", "\"digest\": {\"every\": \"MONTH\", \"at\": \"09:00\"}", "topics.%s.digest.every"),
                Arguments.of("a pause without offset", "\"pausedUntil\": null", "\"pausedUntil\": \"2026-12-01T09:00\"", "pausedUntil"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBrokenRuleEach")
    void eachValidationRuleNamesItsFieldAndStoresNothing(String rule, String valid, String invalid, String field)
            throws Exception {
        String promotions = "promotions-" + run;
        String customer = "c-" + run;
        put("/api/v1/topics/" + promotions, topicBody("Promotions", "MARKETING"), null, CATALOGUE);
        String document = camille(promotions, "camille.durand@example.fr");
        assertThat(document).contains(valid);

        HttpResponse<String> refused = put(preferencesOf(customer), document.replace(valid, invalid), null, WRITE);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        body(refused).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactly(field.formatted(promotions));
        assertThat(get(preferencesOf(customer), READ).statusCode()).isEqualTo(404);
        assertThat(put(preferencesOf(customer), document, null, WRITE).statusCode()).as("the valid document").isEqualTo(200);
    }

    @Test
    void normalisesPhoneAndEmailAndDerivesTheJurisdictionFromThePhone() throws Exception {
        String promotions = "promotions-" + run;
        String customer = "c-" + run;
        put("/api/v1/topics/" + promotions, topicBody("Promotions", "MARKETING"), null, CATALOGUE);
        String document = camille(promotions, "  Sam@Example.COM ")
                .replace("\"jurisdiction\": \"FR\",", "")
                .replace("\"sms\": \"+33612345678\"", "\"sms\": \"+1 (305) 555-0100\"")
                .replaceAll("\"postal\": \\{[^}]*\\}", "\"postal\": null");

        HttpResponse<String> stored = put(preferencesOf(customer), document, null, WRITE);

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode answer = body(stored);
        assertThat(answer.get("contactPoints").get("sms").asString()).isEqualTo("+13055550100");
        assertThat(answer.get("contactPoints").get("email").asString()).isEqualTo("Sam@example.com");
        assertThat(answer.get("jurisdiction").asString()).isEqualTo("US");
    }

    @Test
    void oversizedInputIsRefusedWhereItEntersNeverStoredNorAServerError() throws Exception {
        String customer = "c-limits-" + run;
        String quietHour = "{\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"SMS\"]}";
        String base = camille("promotions", "camille@example.fr");

        // The case that once stopped the outbox: 100,000 quiet hours, about 7 MB.
        HttpResponse<String> huge = put(preferencesOf(customer),
                withQuietHours(base, String.join(", ", Collections.nCopies(100_000, quietHour))), null, WRITE);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> tooMany = put(preferencesOf(customer),
                withQuietHours(base, String.join(", ", Collections.nCopies(21, quietHour))), null, WRITE);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        body(tooMany).get("errors").forEach(e -> problems.add(e.get("field").asString() + ": " + e.get("message").asString()));
        assertThat(problems).contains("quietHours: must hold at most 20 entries");

        // Spring's own JSON reader enforces the limits too: a deep document (here in a property the form
        // does not know, which the reader would otherwise skip through) is a 400 naming why.
        HttpResponse<String> deep = put(preferencesOf(customer),
                "{\"extra\": " + "[".repeat(100) + "]".repeat(100) + ", " + base.strip().substring(1), null, WRITE);
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(body(deep).get("errors").get(0).get("message").asString()).contains("nesting depth");

        assertThat(get(preferencesOf(customer), READ).statusCode()).isEqualTo(404);
    }

    private static String withQuietHours(String document, String entries) {
        return document.replace("\"quietHours\": [{\"from\": \"21:00\", \"to\": \"08:00\", \"channels\": [\"SMS\"]}]",
                "\"quietHours\": [" + entries + "]");
    }

    @Test
    void aTopicKeepsItsCategoryAndPurposeAndEveryChangeIsRecordedWithItsClient() throws Exception {
        String promotions = "promotions-" + run;
        assertThat(put("/api/v1/topics/" + promotions, topicBody("Promotions", "MARKETING"), null, CATALOGUE).statusCode())
                .isEqualTo(201);

        HttpResponse<String> flipped = put("/api/v1/topics/" + promotions, topicBody("Promotions", "SERVICE"), null, CATALOGUE);
        HttpResponse<String> repurposed = put("/api/v1/topics/" + promotions,
                "{\"name\": \"Promotions\", \"category\": \"MARKETING\", \"purpose\": \"other\", \"defaultChannels\": [\"EMAIL\"]}",
                null, CATALOGUE);
        HttpResponse<String> renamed = put("/api/v1/topics/" + promotions, topicBody("Offers", "MARKETING"), null, CATALOGUE);

        assertThat(flipped.statusCode()).isEqualTo(409);
        assertThat(flipped.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(body(flipped).get("fields").toString()).isEqualTo("[\"category\"]");
        assertThat(repurposed.statusCode()).isEqualTo(409);
        assertThat(body(repurposed).get("fields").toString()).isEqualTo("[\"purpose\"]");
        assertThat(renamed.statusCode()).as("a name, urgency or default channels may change").isEqualTo(200);
        JsonNode stored = null;
        for (JsonNode entry : body(get("/api/v1/topics", READ))) {
            if (entry.get("topicId").asString().equals(promotions)) {
                stored = entry;
            }
        }
        assertThat(stored.get("category").asString()).isEqualTo("MARKETING");
        assertThat(stored.get("purpose").asString()).isEqualTo(promotions);

        List<String> changes = jdbc.sql("""
                        SELECT changed_by || ' ' || coalesce(before ->> 'name', '-') || ' ' || (after ->> 'name')
                            || ' ' || (after ->> 'category')
                        FROM catalogue_changes WHERE topic_id = :id ORDER BY change_id""")
                .param("id", promotions).query(String.class).list();
        assertThat(changes).as("refused changes leave no record")
                .containsExactly("test - Promotions MARKETING", "test Promotions Offers MARKETING");
    }

    @Test
    void anInvalidCatalogueEntryIsRefusedNamingEveryBadField() throws Exception {
        HttpResponse<String> refused = put("/api/v1/topics/Not_A_Topic",
                "{\"name\": \"\", \"category\": \"ADS\", \"defaultChannels\": []}", null, CATALOGUE);

        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        body(refused).get("errors").forEach(error -> fields.add(error.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("topicId", "name", "category", "defaultChannels");
    }

    /**
     * As deployed, the service connects as a role that owns nothing: every test of this class runs on what the
     * migrations granted it, and it can change neither the schema nor the audit trail nor the migration history.
     */
    @Test
    void connectsAsTheApplicationRoleWhichCannotChangeTheSchema() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(applicationRole);
        for (String statement : List.of(
                "CREATE TABLE intruder (id INT)",
                "ALTER TABLE customer_preferences ADD COLUMN intruder TEXT",
                "DROP TABLE outbox",
                "TRUNCATE topics",
                "DELETE FROM catalogue_changes",
                "DELETE FROM flyway_schema_history")) {
            assertThat(sqlState(statement)).as(statement).isEqualTo("42501");
        }
    }

    /** The SQL state of a refused statement: 42501 is insufficient privilege (or not the owner). */
    private String sqlState(String statement) {
        try {
            jdbc.sql(statement).update();
        } catch (DataAccessException e) {
            return ((SQLException) e.getMostSpecificCause()).getSQLState();
        }
        throw new AssertionError("the statement succeeded: " + statement);
    }

    @Test
    void describesItsApiAndReportsReadinessAndMetrics() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(body(readiness).get("status").asString()).isEqualTo("UP");

        HttpResponse<String> description = get("/v3/api-docs", null);
        assertThat(description.statusCode()).isEqualTo(200);
        OpenApiDocument.assertMatchesCommitted(description.body(), Path.of("openapi.json"), "mvn -B verify -pl"
                + " services/preferences -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dit.test='PreferencesServiceIT#describesItsApiAndReportsReadinessAndMetrics'");
        JsonNode api = body(description);
        assertThat(api.get("paths").has("/api/v1/customers/{customerId}/preferences")).isTrue();
        assertThat(api.get("paths").has("/api/v1/topics/{topicId}")).isTrue();
        // The answers are written from the stored text; the description still gives their shape.
        JsonNode preferences = api.get("paths").get("/api/v1/customers/{customerId}/preferences");
        for (String method : List.of("get", "put")) {
            String reference = preferences.get(method).get("responses").get("200").get("content")
                    .get("application/json").get("schema").get("$ref").asString();
            JsonNode shape = api.get("components").get("schemas").get(reference.substring(reference.lastIndexOf('/') + 1));
            assertThat(shape.get("properties").has("version")).as(method).isTrue();
            assertThat(shape.get("properties").has("timeZone")).as(method).isTrue();
            assertThat(shape.get("properties").has("contactPoints")).as(method).isTrue();
        }
        assertThat(api.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
        assertThat(get("/swagger-ui.html", null).statusCode()).isIn(200, 302);

        HttpResponse<String> metrics = get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kairos_preferences_events_total{type=\"ContactPreferences\"}");
    }

    private static String topicBody(String name, String category) {
        return "{\"name\": \"%s\", \"category\": \"%s\", \"defaultChannels\": [\"EMAIL\"]}".formatted(name, category);
    }

    /** The document of the API description, with one topic and the given email. */
    private static String camille(String topicId, String email) {
        return """
                {"locale": "fr-FR", "timeZone": "Europe/Paris", "jurisdiction": "FR",
                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                 "contactPoints": {"email": "%s", "sms": "+33612345678",
                   "postal": {"recipient": "Camille Durand", "lines": ["12 rue des Lilas"],
                              "postalCode": "75011", "city": "Paris", "country": "FR"}},
                 "channelPriority": ["SMS", "EMAIL", "MAIL"],
                 "quietHours": [{"from": "21:00", "to": "08:00", "channels": ["SMS"]}],
                 "sendWindows": [{"days": ["SATURDAY", "SUNDAY"], "from": "10:00", "to": "12:00"}],
                 "topics": {"%s": {"channels": ["EMAIL"], "frequency": {"max": 1, "per": "WEEK"}}},
                 "overallCap": {"max": 3, "per": "WEEK"},
                 "pausedUntil": null}
                """.formatted(email, topicId);
    }

    private static String preferencesOf(String customerId) {
        return "/api/v1/customers/" + customerId + "/preferences";
    }

    private static List<ContactPreferences> decoded(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> {
            ContactPreferences snapshot = KairosSerdes.contactPreferences().decode(r.value());
            // Consumers deduplicate by the event id the relay puts in a header; it must name the record's own id.
            assertThat(new String(r.headers().lastHeader("kairos-event-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo(snapshot.getEventId());
            return snapshot;
        }).toList();
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path, String scope) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (scope != null) {
            request.header("Authorization", "Bearer " + TestTokens.bearer(scope));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body, String ifMatch, String scope)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.bearer(scope));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }
}
