package dev.kairos.preferences.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkKey;
import dev.kairos.platform.links.LinksProperties;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the page tests share: a customer set up through the API, and links signed the way dispatch and
 * compliance sign them, with the keys the service is configured with.
 */
final class PagesFixture {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;
    private final LinksProperties links;

    PagesFixture(int port, LinksProperties links) {
        this.port = port;
        this.links = links;
    }

    /** A signer holding one of the service's keys, at {@code now}. */
    SignedLinks signer(String keyId, Instant now) {
        LinksProperties.Key key = links.getKeys().get(keyId);
        return new SignedLinks("http://localhost:" + port, List.of(LinkKey.ofBase64(keyId, key.getIssuer(), key.getSecret())),
                keyId, Clock.fixed(now, ZoneOffset.UTC));
    }

    String centreToken(String customerId) {
        return signer("d1", Instant.now()).sign(LinkClaims.preferenceCentre(customerId, Instant.now()));
    }

    String unsubscribeToken(String customerId, String topic, String channel) {
        return signer("d1", Instant.now()).sign(LinkClaims.unsubscribe(customerId, topic, channel, Instant.now()));
    }

    /** Signed 401 days ago: authentic, one day past the unsubscribe lifetime. */
    String expiredUnsubscribeToken(String customerId, String topic, String channel) {
        Instant then = Instant.now().minus(Duration.ofDays(401));
        return signer("d1", then).sign(LinkClaims.unsubscribe(customerId, topic, channel, then));
    }

    /**
     * Defines a MARKETING topic {@code promotions} and a SERVICE topic {@code billing}, both by email by default,
     * and stores {@link #camille} as {@code customer} with promotions by email and SMS (version 1).
     */
    void camilleWithPromotionsAndBilling(String customer, String promotions, String billing) throws Exception {
        defineTopic(promotions, "Promotions", "MARKETING", "EMAIL");
        defineTopic(billing, "Billing", "SERVICE", "EMAIL");
        putPreferences(customer, camille(Map.of(promotions, "\"EMAIL\", \"SMS\"")));
    }

    void defineTopic(String topicId, String name, String category, String... defaultChannels) throws Exception {
        String channels = Arrays.stream(defaultChannels).map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        HttpResponse<String> response = api("PUT", "/api/v1/topics/" + topicId,
                "{\"name\": \"%s\", \"category\": \"%s\", \"defaultChannels\": [%s]}".formatted(name, category, channels),
                "catalogue:write");
        assertThat(response.statusCode()).isIn(200, 201);
    }

    void putPreferences(String customerId, String document) throws Exception {
        HttpResponse<String> response = api("PUT", "/api/v1/customers/" + customerId + "/preferences", document,
                "preferences:write");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    JsonNode preferences(String customerId) throws Exception {
        HttpResponse<String> response = api("GET", "/api/v1/customers/" + customerId + "/preferences", null,
                "preferences:read");
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> api(String method, String path, String body, String scope) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + TestTokens.bearer(scope));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> page(String path, String acceptLanguage) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().header("User-Agent", "PagesIT");
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, List<String>> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "PagesIT")
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode read(String body) {
        return json.readTree(body);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The form the centre page sends for {@link #camille} when nothing is changed (version {@code version}),
     * with {@code promotions} on email and SMS and {@code billing} on email, as the page shows it when the ledger
     * has both promotions consents in force: those boxes come back as consented, so a save that leaves them as
     * they are grants or withdraws nothing.
     */
    static Map<String, List<String>> centreForm(long version, String promotions, String billing) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("version", List.of(Long.toString(version)));
        form.put("locale", List.of("fr-FR"));
        form.put("timeZone", List.of("Europe/Paris"));
        form.put("title", List.of("NONE"));
        form.put("givenName", List.of("Camille"));
        form.put("familyName", List.of("Durand"));
        form.put("email", List.of("camille.durand@example.fr"));
        form.put("sms", List.of("+33612345678"));
        form.put("topic." + promotions + ".shown", List.of("1"));
        form.put("topic." + promotions + ".consented", List.of("EMAIL", "SMS"));
        form.put("topic." + promotions + ".channel", List.of("EMAIL", "SMS"));
        form.put("topic." + promotions + ".mode", List.of("INSTANT"));
        form.put("topic." + billing + ".shown", List.of("1"));
        form.put("topic." + billing + ".channel", List.of("EMAIL"));
        form.put("topic." + billing + ".mode", List.of("INSTANT"));
        form.put("quiet.0.from", List.of("21:00"));
        form.put("quiet.0.to", List.of("08:00"));
        form.put("quiet.0.channel", List.of("SMS"));
        form.put("quiet.1.from", List.of(""));
        form.put("quiet.1.to", List.of(""));
        form.put("window.0.from", List.of(""));
        form.put("window.0.to", List.of(""));
        form.put("overallMax", List.of(""));
        form.put("overallPer", List.of("WEEK"));
        form.put("pausedUntil", List.of(""));
        return form;
    }

    /** Camille, French, with an email and a mobile, and the given topics set to the given channels. */
    static String camille(Map<String, String> topicChannels) {
        String topics = topicChannels.entrySet().stream()
                .map(e -> "\"%s\": {\"channels\": [%s]}".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return """
                {"locale": "fr-FR", "timeZone": "Europe/Paris",
                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                 "contactPoints": {"email": "camille.durand@example.fr", "sms": "+33612345678"},
                 "quietHours": [{"from": "21:00", "to": "08:00", "channels": ["SMS"]}],
                 "topics": {%s}}
                """.formatted(topics);
    }
}
