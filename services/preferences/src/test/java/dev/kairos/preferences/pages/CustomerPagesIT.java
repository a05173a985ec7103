package dev.kairos.preferences.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkKey;
import dev.kairos.platform.links.LinkPurpose;
import dev.kairos.platform.links.LinksProperties;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.TopicPreference;
import dev.kairos.proto.serde.KairosSerdes;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The customer pages over plain HTTP, against a real Kafka broker and a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerPagesIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "preferences");
        // Every request of these tests comes from one address: only the per-link limit stays as configured.
        registry.add("kairos.pages.rate-limit.per-client.burst", () -> 1_000_000);
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    LinksProperties links;

    private PagesFixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String customer = "c-" + run;
    private final String promotions = "promotions-" + run;
    private final String billing = "billing-" + run;

    @BeforeEach
    void camille() throws Exception {
        fixture = new PagesFixture(port, links);
        fixture.camilleWithPromotionsAndBilling(customer, promotions, billing);
    }

    @Test
    void aLinkAskedTooOftenIsAnsweredTooManyRequestsWithRetryAfterAndOtherLinksStillWork() throws Exception {
        String token = fixture.unsubscribeToken(customer, promotions, "EMAIL");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 25; i++) {
            last = fixture.page("/u/" + token, null);
            statuses.add(last.statusCode());
        }

        assertThat(statuses.subList(0, 20)).as("the burst a link may send").containsOnly(200);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(fixture.page("/p/" + fixture.centreToken(customer), null).statusCode()).as("another link").isEqualTo(200);
    }

    @Test
    void everyPageForbidsScriptsFramingAndForeignFormTargetsAndAllowsOnlyItsOwnStyleBlock() throws Exception {
        HttpResponse<String> page = fixture.page("/p/" + fixture.centreToken(customer), null);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'",
                "base-uri 'none'");
        String body = page.body();
        String style = body.substring(body.indexOf("<style>") + "<style>".length(), body.indexOf("</style>"));
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8)));
        assertThat(policy).as("the browser applies the page's style").contains("style-src 'sha256-" + hash + "'");
        assertThat(body).doesNotContain("<script", " style=\"");
        assertThat(fixture.page("/u/not-a-token", null).headers().firstValue("Content-Security-Policy"))
                .as("also on a refused link").hasValue(policy);
    }

    @Test
    void theCentreShowsTheCustomersChoicesInTheirLanguageAndSavesThemWithConsentEvidence() throws Exception {
        String token = fixture.centreToken(customer);

        HttpResponse<String> page = fixture.page("/p/" + token, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body()).contains("<html lang=\"fr\">", "name=\"viewport\"", "Vos préférences de communication",
                "camille.durand@example.fr", "J’accepte de recevoir «\u00a0Promotions\u00a0» par SMS.");
        assertEveryControlIsLabelled(page.body());
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(1);

        Map<String, List<String>> form = centreForm(1);
        form.put("topic." + promotions + ".channel", List.of("EMAIL"));
        form.put("topic." + promotions + ".mode", List.of("DIGEST_WEEK"));
        form.put("topic." + promotions + ".digestOn", List.of("SATURDAY"));
        form.put("topic." + promotions + ".digestAt", List.of("09:30"));
        HttpResponse<String> saved = fixture.post("/p/" + token, form);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/p/" + token + "?saved");
        JsonNode stored = fixture.preferences(customer);
        assertThat(stored.get("version").asLong()).isEqualTo(2);
        JsonNode choice = stored.get("topics").get(promotions);
        assertThat(choice.get("channels").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(choice.get("digest").get("every").asString()).isEqualTo("WEEK");
        assertThat(choice.get("digest").get("on").asString()).isEqualTo("SATURDAY");
        assertThat(choice.get("digest").get("at").asString()).isEqualTo("09:30");
        assertThat(stored.get("quietHours").get(0).get("from").asString()).isEqualTo("21:00");

        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            ConsentSubmitted withdrawal = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty()).get(0);
            assertThat(withdrawal.getAction()).isEqualTo(ConsentAction.WITHDRAW);
            assertThat(withdrawal.getChannel()).isEqualTo(Channel.SMS);
            assertThat(withdrawal.getPurpose()).isEqualTo(promotions);
            assertThat(withdrawal.getAddress()).isEqualTo("+33612345678");
            assertThat(withdrawal.getEvidence().getSource()).isEqualTo("PREFERENCE_CENTRE");
            assertThat(withdrawal.getEvidence().getNoticeText()).isEqualTo("J’accepte de recevoir «\u00a0Promotions\u00a0» par SMS.");
            assertThat(withdrawal.getEvidence().getNoticeLanguage()).as("the page's language").isEqualTo("fr");
            assertThat(withdrawal.getEvidence().getNoticeVersion()).isNotBlank();
            assertThat(withdrawal.getEvidence().getNoticeSha256()).hasSize(64);
            assertThat(withdrawal.getEvidence().getIpAddress()).isNotBlank();
            assertThat(withdrawal.getEvidence().getUserAgent()).isEqualTo("PagesIT");
        }
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ContactPreferences> versions = snapshots.awaitValues(customer, KairosSerdes.contactPreferences()::decode,
                    list -> list.size() >= 2);
            assertThat(versions.get(1).getTopics().get(promotions).getDigest().getOn()).isEqualTo("SATURDAY");
        }
        assertThat(fixture.page("/p/" + token + "?saved", null).body()).contains("Vos préférences sont enregistrées.");
    }

    @Test
    void aCentreFormWithInvalidFieldsNamesThemAndStoresNothing() throws Exception {
        String token = fixture.centreToken(customer);
        Map<String, List<String>> form = centreForm(1);
        form.put("sms", List.of("06 12"));
        form.put("timeZone", List.of("Paris"));
        form.put("topic." + promotions + ".mode", List.of("CAP"));
        form.put("topic." + promotions + ".capMax", List.of("0"));

        HttpResponse<String> refused = fixture.post("/p/" + token, form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("contactPoints.sms", "timeZone", "topics." + promotions + ".frequency.max",
                "value=\"06 12\"");
        // Camille reads French: so do the messages beside each field.
        assertThat(refused.body()).contains("doit être un numéro de téléphone valide au format international",
                "doit être un fuseau horaire IANA, tel que Europe/Paris", "doit être au moins 1")
                .doesNotContain("must be");
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void aCentreFormBasedOnAnOlderVersionChangesNothing() throws Exception {
        String token = fixture.centreToken(customer);
        fixture.putPreferences(customer, PagesFixture.camille(Map.of(promotions, "\"EMAIL\"")));

        HttpResponse<String> stale = fixture.post("/p/" + token, centreForm(1));

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void fewerMessagesKeepsConsentAndOneClickWithdrawsWithoutRedirectOrCookie() throws Exception {
        String token = fixture.unsubscribeToken(customer, promotions, "EMAIL");

        HttpResponse<String> page = fixture.page("/u/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"fr\"", "Moins de messages plutôt", "Me désabonner");
        assertEveryControlIsLabelled(page.body());
        assertThat(fixture.preferences(customer).get("version").asLong()).as("a GET changes nothing").isEqualTo(1);

        HttpResponse<String> fewer = fixture.post("/u/" + token, Map.of("action", List.of("fewer"),
                "fewer", List.of("cap"), "capMax", List.of("2"), "capPer", List.of("MONTH")));
        assertThat(fewer.statusCode()).as(fewer.body()).isEqualTo(200);
        JsonNode choice = fixture.preferences(customer).get("topics").get(promotions);
        assertThat(choice.get("frequency").get("max").asInt()).isEqualTo(2);
        assertThat(choice.get("frequency").get("per").asString()).isEqualTo("MONTH");
        assertThat(choice.get("channels").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");

        HttpResponse<String> oneClick = fixture.post("/u/" + token, Map.of("List-Unsubscribe", List.of("One-Click")));

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Location")).isEmpty();
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            // Submissions are published in commit order: had "fewer messages" submitted anything, it would come first.
            List<ConsentSubmitted> all = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty());
            assertThat(all).singleElement().satisfies(withdrawal -> {
                assertThat(withdrawal.getAction()).isEqualTo(ConsentAction.WITHDRAW);
                assertThat(withdrawal.getChannel()).isEqualTo(Channel.EMAIL);
                assertThat(withdrawal.getPurpose()).isEqualTo(promotions);
                assertThat(withdrawal.getAddress()).isEqualTo("camille.durand@example.fr");
                assertThat(withdrawal.getEvidence().getSource()).isEqualTo("ONE_CLICK");
                assertThat(withdrawal.getEvidence().getRawInput()).isEqualTo("List-Unsubscribe=One-Click");
            });
        }
        assertThat(fixture.page("/actuator/prometheus", null).body()).contains(
                "kairos_preferences_changes_total{kind=\"FEWER_MESSAGES\"}",
                "kairos_preferences_consent_submissions_total{action=\"WITHDRAW\"}",
                "kairos_preferences_page_views_total{page=\"one-click\"}");
    }

    @Test
    void theFewerMessagesFormOffersACapADailyOrAWeeklyDigestAndKeepsWhatWasTypedWhenRefused() throws Exception {
        fixture.putPreferences(customer, PagesFixture.camille(Map.of(promotions, "\"EMAIL\"")).replace(
                "{\"channels\": [\"EMAIL\"]}", "{\"channels\": [\"EMAIL\"], \"frequency\": {\"max\": 3, \"per\": \"MONTH\"}}"));
        String token = fixture.unsubscribeToken(customer, promotions, "EMAIL");

        String capped = fixture.page("/u/" + token, null).body();
        assertThat(capped).contains("value=\"cap\" checked>", "name=\"capMax\" min=\"1\" value=\"3\"",
                "<option value=\"MONTH\" selected>");

        assertThat(capped).contains("Un récapitulatif quotidien", "Un récapitulatif hebdomadaire");
        HttpResponse<String> digest = fixture.post("/u/" + token, Map.of("action", List.of("fewer"),
                "fewer", List.of("digest-week"), "digestOn", List.of("MONDAY"), "digestAt", List.of("18:00")));
        assertThat(digest.statusCode()).as(digest.body()).isEqualTo(200);
        String summarised = fixture.page("/u/" + token, null).body();
        assertThat(summarised).contains("value=\"digest-week\" checked>", "<option value=\"MONDAY\" selected>",
                "name=\"digestAt\" value=\"18:00\"").doesNotContain("value=\"cap\" checked>");

        HttpResponse<String> daily = fixture.post("/u/" + token, Map.of("action", List.of("fewer"),
                "fewer", List.of("digest-day"), "digestOn", List.of("MONDAY"), "digestAt", List.of("07:45")));
        assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);
        assertThat(fixture.page("/u/" + token, null).body()).contains("value=\"digest-day\" checked>",
                "name=\"digestAt\" value=\"07:45\"").doesNotContain("value=\"digest-week\" checked>");
        // What dispatch reads: the published snapshot's digest, daily (no day) at 07:45 in the customer's zone.
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ContactPreferences> versions = snapshots.awaitValues(customer, KairosSerdes.contactPreferences()::decode,
                    list -> list.stream().anyMatch(v -> v.getVersion() == 4));
            TopicPreference published = versions.stream().filter(v -> v.getVersion() == 4).findFirst().orElseThrow()
                    .getTopics().get(promotions);
            assertThat(published.getDigest()).isEqualTo(new Digest(Period.DAY, null, "07:45"));
            assertThat(published.getChannels()).containsExactly(Channel.EMAIL);
        }

        HttpResponse<String> refused = fixture.post("/u/" + token, Map.of("action", List.of("fewer"),
                "fewer", List.of("cap"), "capMax", List.of("0"), "capPer", List.of("DAY")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("doit être au moins 1", "value=\"cap\" checked>",
                "name=\"capMax\" min=\"1\" value=\"0\"", "<option value=\"DAY\" selected>")
                .doesNotContain("must be");
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(4);
    }

    @Test
    void oneClickAlsoAcceptsTheMultipartBodyOfRfc8058() throws Exception {
        String token = fixture.unsubscribeToken(customer, promotions, "SMS");
        String boundary = "kairos-" + run;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--" + boundary + "--\r\n";

        HttpResponse<String> oneClick = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(fixture.uri("/u/" + token))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Location")).isEmpty();
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            ConsentSubmitted withdrawal = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty()).get(0);
            assertThat(withdrawal.getAction()).isEqualTo(ConsentAction.WITHDRAW);
            assertThat(withdrawal.getChannel()).isEqualTo(Channel.SMS);
            assertThat(withdrawal.getEvidence().getSource()).isEqualTo("ONE_CLICK");
        }
    }

    @Test
    void anExpiredUnsubscribeLinkStillUnsubscribesAfterOneConfirmationClick() throws Exception {
        String token = fixture.expiredUnsubscribeToken(customer, promotions, "SMS");

        HttpResponse<String> page = fixture.page("/u/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Confirmer\u00a0: me désabonner").doesNotContain("Recevoir moins de messages");
        HttpResponse<String> fewer = fixture.post("/u/" + token, Map.of("action", List.of("fewer"),
                "fewer", List.of("cap"), "capMax", List.of("1"), "capPer", List.of("WEEK")));
        assertThat(fewer.statusCode()).isEqualTo(410);

        HttpResponse<String> confirmed = fixture.post("/u/" + token, Map.of("action", List.of("unsubscribe")));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Vous ne recevrez plus «\u00a0Promotions\u00a0» par SMS.");
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            ConsentSubmitted withdrawal = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty()).get(0);
            assertThat(withdrawal.getAction()).isEqualTo(ConsentAction.WITHDRAW);
            assertThat(withdrawal.getChannel()).isEqualTo(Channel.SMS);
            assertThat(withdrawal.getEvidence().getSource()).isEqualTo("UNSUBSCRIBE_LINK");
            assertThat(withdrawal.getEvidence().getNoticeText())
                    .isEqualTo("Je confirme ne plus souhaiter recevoir «\u00a0Promotions\u00a0» par SMS.");
            assertThat(withdrawal.getEvidence().getNoticeLanguage()).isEqualTo("fr");
        }
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void theConfirmationPageChangesNothingAndItsPostSubmitsAConfirmWithTheNonce() throws Exception {
        String token = fixture.signer("c1", Instant.now())
                .sign(LinkClaims.confirmation(customer, promotions, "SMS", "nonce-" + run, Instant.now()));

        HttpResponse<String> page = fixture.page("/c/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Je confirme accepter de recevoir des messages «\u00a0" + promotions + "\u00a0» par SMS.");

        // Nothing was submitted by the GET: the first record for the customer is the POST's.
        HttpResponse<String> confirmed = fixture.post("/c/" + token, Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            List<ConsentSubmitted> all = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty());
            assertThat(all).singleElement().satisfies(confirm -> {
                assertThat(confirm.getAction()).isEqualTo(ConsentAction.CONFIRM);
                assertThat(confirm.getTokenNonce()).isEqualTo("nonce-" + run);
                assertThat(confirm.getChannel()).isEqualTo(Channel.SMS);
                assertThat(confirm.getEvidence().getSource()).isEqualTo("CONFIRMATION_LINK");
                assertThat(confirm.getEvidence().getNoticeText()).contains(promotions);
                assertThat(confirm.getEvidence().getNoticeLanguage()).isEqualTo("fr");
            });
        }
    }

    @Test
    void tamperedForeignUnknownAndMisdirectedLinksGetAClearPageWithoutCustomerData() throws Exception {
        String good = fixture.centreToken(customer);
        char last = good.charAt(good.length() - 1);
        String tampered = good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A');
        SignedLinks strangers = new SignedLinks("http://localhost", List.of(LinkKey.ofBase64("x9", "dispatch",
                "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc=")), "x9", Clock.systemUTC());
        String unknownKey = strangers.sign(LinkClaims.preferenceCentre(customer, Instant.now()));
        // Compliance's key on a purpose only dispatch may sign.
        SignedLinks forger = new SignedLinks("http://localhost", List.of(LinkKey.ofBase64("c1", "dispatch",
                links.getKeys().get("c1").getSecret())), "c1", Clock.systemUTC());
        String foreign = forger.sign(LinkClaims.preferenceCentre(customer, Instant.now()));
        String unsubscribe = fixture.unsubscribeToken(customer, promotions, "EMAIL");

        for (String path : List.of("/p/" + tampered, "/p/" + unknownKey, "/p/" + foreign, "/p/not-a-token",
                "/u/" + good, "/c/" + unsubscribe)) {
            HttpResponse<String> page = fixture.page(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(400);
            assertThat(page.body()).as(path).contains("This link does not work", "Ce lien ne fonctionne pas")
                    .doesNotContain("Camille", "camille.durand", customer);
        }
        HttpResponse<String> refusedPost = fixture.post("/u/" + tampered, Map.of("List-Unsubscribe", List.of("One-Click")));
        assertThat(refusedPost.statusCode()).isEqualTo(400);

        HttpResponse<String> metrics = fixture.page("/actuator/prometheus", null);
        assertThat(metrics.body()).contains("kairos_preferences_link_failures_total{reason=\"BAD_SIGNATURE\"}",
                "kairos_preferences_link_failures_total{reason=\"UNKNOWN_KEY\"}",
                "kairos_preferences_link_failures_total{reason=\"FOREIGN_PURPOSE\"}",
                "kairos_preferences_link_failures_total{reason=\"MALFORMED\"}",
                "kairos_preferences_link_failures_total{reason=\"WRONG_PAGE\"}",
                "kairos_preferences_page_views_total{page=\"centre\"}");
    }

    @Test
    void expiredCentreAndConfirmationLinksAnswerGone() throws Exception {
        Instant then = Instant.now().minus(Duration.ofDays(31));
        String centre = fixture.signer("d1", then).sign(LinkClaims.preferenceCentre(customer, then));
        Instant weekAgo = Instant.now().minus(Duration.ofDays(8));
        String confirm = fixture.signer("c1", weekAgo)
                .sign(LinkClaims.confirmation(customer, promotions, "SMS", "n-" + run, weekAgo));

        for (String path : List.of("/p/" + centre, "/c/" + confirm)) {
            HttpResponse<String> page = fixture.page(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(410);
            assertThat(page.body()).contains("This link has expired", "Ce lien a expiré").doesNotContain("Camille");
        }
        assertThat(fixture.post("/c/" + confirm, Map.of()).statusCode()).isEqualTo(410);
        assertThat(LinkPurpose.PREFERENCES.lifetime()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void anErasureDeletesTheCustomerAndTombstonesTheSnapshot() throws Exception {
        JsonNode export = fixture.read(fixture.api("GET", "/api/v1/customers/" + customer + "/data-export", null,
                "subjects:export").body());
        assertThat(export.get("customerId").asString()).isEqualTo(customer);
        assertThat(export.get("preferences").get("document").get("contactPoints").get("email").asString())
                .isEqualTo("camille.durand@example.fr");
        assertThat(export.get("preferences").get("version").asLong()).isEqualTo(1);

        CustomerErased erased = CustomerErased.newBuilder().setEventId(UUID.randomUUID().toString())
                .setCustomerId(customer).setErasedAt(Instant.now()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.name("erasures"), customer,
                    KairosSerdes.customerErased().encode(erased))).get();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                fixture.api("GET", "/api/v1/customers/" + customer + "/preferences", null, "preferences:read")
                        .statusCode()).isEqualTo(404));
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ConsumerRecord<String, byte[]>> records = snapshots.awaitAtLeast(customer, 2);
            assertThat(records.get(records.size() - 1).value()).isNull();
        }
        JsonNode after = fixture.read(fixture.api("GET", "/api/v1/customers/" + customer + "/data-export", null,
                "subjects:export").body());
        assertThat(after.get("preferences").isNull()).isTrue();
        assertThat(fixture.page("/p/" + fixture.centreToken(customer), null).body()).doesNotContain("Camille");
        assertThat(fixture.page("/actuator/prometheus", null).body()).contains(
                "kairos_preferences_changes_total{kind=\"API\"}", "kairos_preferences_changes_total{kind=\"ERASURE\"}");
    }

    private Map<String, List<String>> centreForm(long version) {
        return PagesFixture.centreForm(version, promotions, billing);
    }

    /** Every input, select and textarea (but hidden inputs) has an id named by a label's for. */
    static void assertEveryControlIsLabelled(String html) {
        var controls = Pattern.compile("<(input|select|textarea)\\b([^>]*)>").matcher(html);
        int count = 0;
        while (controls.find()) {
            String attributes = controls.group(2);
            if (attributes.contains("type=\"hidden\"")) {
                continue;
            }
            var id = Pattern.compile("id=\"([^\"]+)\"").matcher(attributes);
            assertThat(id.find()).as("control without id: " + controls.group()).isTrue();
            assertThat(html).as("label for " + id.group(1)).contains("<label for=\"" + id.group(1) + "\"");
            count++;
        }
        assertThat(count).isPositive();
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
