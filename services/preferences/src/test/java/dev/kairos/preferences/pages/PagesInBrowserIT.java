package dev.kairos.preferences.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ScreenshotType;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinksProperties;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The customer pages in a real headless Chromium (the system's {@code /usr/bin/chromium}, driven by
 * Playwright), against the service with a real Kafka broker and PostgreSQL. Screenshots of each page are
 * kept in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PagesInBrowserIT {

    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "preferences");
        // Every request of these tests comes from one address.
        registry.add("kairos.pages.rate-limit.per-client.burst", () -> 1_000_000);
    }

    @BeforeAll
    static void chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("kairos.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync")));
    }

    @AfterAll
    static void closeChromium() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    LinksProperties links;

    private PagesFixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String promotions = "promotions-" + run;
    private final String newsletter = "newsletter-" + run;

    @BeforeEach
    void catalogue() throws Exception {
        fixture = new PagesFixture(port, links);
        fixture.defineTopic(promotions, "Promotions", "MARKETING", "EMAIL");
        fixture.defineTopic(newsletter, "Newsletter", "MARKETING", "EMAIL");
    }

    @Test
    void aFrenchCustomerSwitchesToAWeeklyDigestTakesFewerMessagesThenUnsubscribes() throws Exception {
        String customer = "fr-" + run;
        fixture.putPreferences(customer, PagesFixture.camille(Map.of(promotions, "\"EMAIL\"", newsletter, "\"EMAIL\"")));
        publishConsents(customer, 1, consent(Channel.EMAIL, promotions, ConsentStatus.ACTIVE),
                consent(Channel.EMAIL, newsletter, ConsentStatus.ACTIVE));

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setUserAgent("Mozilla/5.0 (Linux; Android 14) KairosBrowserIT"))) {
            Page page = context.newPage();
            page.navigate(url("/p/" + fixture.centreToken(customer)));
            awaitChecked(page, "#topic-" + promotions + "-EMAIL");
            assertThat(page.getAttribute("html", "lang")).isEqualTo("fr");
            assertThat(page.locator("h1").textContent()).isEqualTo("Vos préférences de communication");
            screenshot(page, "centre-fr");

            assertThat(page.inputValue("#topic-" + newsletter + "-mode")).isEqualTo("INSTANT");
            page.selectOption("#topic-" + newsletter + "-mode", "DIGEST_WEEK");
            page.selectOption("#topic-" + newsletter + "-digestOn", "SATURDAY");
            page.fill("#topic-" + newsletter + "-digestAt", "09:00");
            page.click("#save");

            page.waitForURL("**?saved");
            assertThat(page.locator("#saved").textContent()).isEqualTo("Vos préférences sont enregistrées.");
            assertThat(page.inputValue("#topic-" + newsletter + "-mode")).isEqualTo("DIGEST_WEEK");
            assertThat(fixture.preferences(customer).get("locale").asString()).as("saving keeps the region").isEqualTo("fr-FR");
            JsonNode digest = fixture.preferences(customer).get("topics").get(newsletter).get("digest");
            assertThat(digest.get("every").asString()).isEqualTo("WEEK");
            assertThat(digest.get("on").asString()).isEqualTo("SATURDAY");
            assertThat(digest.get("at").asString()).isEqualTo("09:00");
            try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
                List<ContactPreferences> versions = snapshots.awaitValues(customer,
                        KairosSerdes.contactPreferences()::decode, list -> list.size() >= 2);
                assertThat(versions.get(1).getTopics().get(newsletter).getDigest().getEvery()).isEqualTo(Period.WEEK);
                assertThat(versions.get(1).getTopics().get(newsletter).getDigest().getOn()).isEqualTo("SATURDAY");
            }

            String unsubscribe = url("/u/" + fixture.unsubscribeToken(customer, promotions, "EMAIL"));
            page.navigate(unsubscribe);
            assertThat(page.getAttribute("html", "lang")).isEqualTo("fr");
            screenshot(page, "unsubscribe-fr");
            page.check("#fewer-cap");
            page.fill("#capMax", "1");
            page.selectOption("#capPer", "WEEK");
            page.click("#fewer-submit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Moins de messages désormais");
            JsonNode promotionsChoice = fixture.preferences(customer).get("topics").get(promotions);
            assertThat(promotionsChoice.get("frequency").get("max").asInt()).isEqualTo(1);
            assertThat(promotionsChoice.get("frequency").get("per").asString()).isEqualTo("WEEK");
            assertThat(promotionsChoice.get("channels").toString()).isEqualTo("[\"EMAIL\"]");

            page.navigate(unsubscribe);
            page.click("#unsubscribe-submit");
            assertThat(page.locator("h1").textContent()).isEqualTo("Vous êtes désabonné·e");
            screenshot(page, "unsubscribed-fr");
        }
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            // In commit order: the digest and "fewer messages" submitted nothing, so the withdrawal is the only record.
            List<ConsentSubmitted> all = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> !list.isEmpty());
            assertThat(all).singleElement().satisfies(withdrawal -> {
                assertThat(withdrawal.getAction()).isEqualTo(ConsentAction.WITHDRAW);
                assertThat(withdrawal.getChannel()).isEqualTo(Channel.EMAIL);
                assertThat(withdrawal.getPurpose()).isEqualTo(promotions);
                assertThat(withdrawal.getAddress()).isEqualTo("camille.durand@example.fr");
                assertThat(withdrawal.getEvidence().getSource()).isEqualTo("UNSUBSCRIBE_LINK");
                assertThat(withdrawal.getEvidence().getNoticeText())
                        .isEqualTo("Je ne souhaite plus recevoir «\u00a0Promotions\u00a0» par e-mail.");
                assertThat(withdrawal.getEvidence().getUserAgent()).contains("KairosBrowserIT");
                assertThat(withdrawal.getEvidence().getIpAddress()).isNotBlank();
                assertThat(withdrawal.getSubmittedAt()).isBefore(Instant.now().plusSeconds(1));
            });
        }
    }

    @Test
    void theCentreTicksAMarketingBoxOnlyForAConsentTheLedgerHasInForce() throws Exception {
        String customer = "consent-" + run;
        // The catalogue's defaults and the customer's own channel choice both name EMAIL: neither is consent.
        fixture.putPreferences(customer, PagesFixture.camille(Map.of(promotions, "\"EMAIL\"", newsletter, "\"EMAIL\"")));

        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/p/" + fixture.centreToken(customer)));
            assertThat(page.isChecked("#topic-" + promotions + "-EMAIL")).as("no consent on the ledger").isFalse();
            assertThat(page.isChecked("#topic-" + newsletter + "-EMAIL")).isFalse();
            assertThat(page.isChecked("#topic-" + promotions + "-SMS")).isFalse();
            screenshot(page, "centre-without-consent");

            publishConsents(customer, 1, consent(Channel.EMAIL, promotions, ConsentStatus.ACTIVE),
                    consent(Channel.EMAIL, newsletter, ConsentStatus.WITHDRAWN),
                    consent(Channel.SMS, promotions, ConsentStatus.PENDING_CONFIRMATION));

            page.reload();
            awaitChecked(page, "#topic-" + promotions + "-EMAIL");
            assertThat(page.isChecked("#topic-" + newsletter + "-EMAIL")).as("a withdrawn consent").isFalse();
            assertThat(page.isChecked("#topic-" + promotions + "-SMS")).as("a consent awaiting confirmation").isFalse();
            screenshot(page, "centre-with-consent");
        }
    }

    /** Reloads the page until the box is ticked (the ledger's snapshot has arrived), for at most 30 s. */
    private static void awaitChecked(Page page, String box) {
        try {
            // Same thread: Playwright's page is not to be used from Awaitility's polling thread.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(200)).pollInSameThread()
                    .until(() -> page.isChecked(box) || reloaded(page));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Said by the assertion below.
        }
        assertThat(page.isChecked(box)).as(box + " ticked for a consent in force").isTrue();
    }

    /** Reloads the page; false, so that a poll which reloaded checks again at the next interval. */
    private static boolean reloaded(Page page) {
        page.reload();
        return false;
    }

    private void publishConsents(String customer, long version, ChannelConsent... consents) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            ConsentState state = ConsentState.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setCustomerId(customer).setVersion(version).setUpdatedAt(Instant.now())
                    .setConsents(List.of(consents)).build();
            producer.send(new ProducerRecord<>(topics.name("consents"), customer,
                    KairosSerdes.consentState().encode(state))).get();
        }
    }

    private static ChannelConsent consent(Channel channel, String purpose, ConsentStatus status) {
        return ChannelConsent.newBuilder().setChannel(channel).setPurpose(purpose).setStatus(status)
                .setBasis(LegalBasis.OPT_IN).setEntryId(UUID.randomUUID().toString()).build();
    }

    @Test
    void anEnglishCustomerUsesThePagesWithTheKeyboardOnly() throws Exception {
        String customer = "en-" + run;
        fixture.putPreferences(customer, PagesFixture.camille(Map.of(promotions, "\"EMAIL\""))
                .replace("\"fr-FR\"", "\"en-GB\"").replace("Europe/Paris", "Europe/London"));

        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/p/" + fixture.centreToken(customer)));
            assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
            assertThat(page.locator("h1").textContent()).isEqualTo("Your communication preferences");
            screenshot(page, "centre-en");

            tabTo(page, "topic-" + promotions + "-SMS");
            page.keyboard().press("Space");
            tabTo(page, "save");
            page.keyboard().press("Enter");
            page.waitForURL("**?saved");
            assertThat(page.locator("#saved").textContent()).isEqualTo("Your preferences are saved.");
            assertThat(fixture.preferences(customer).get("topics").get(promotions).get("channels").toString())
                    .as("the EMAIL box was unticked: no consent on the ledger").isEqualTo("[\"SMS\"]");

            page.navigate(url("/u/" + fixture.unsubscribeToken(customer, promotions, "SMS")));
            assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
            screenshot(page, "unsubscribe-en");
            tabTo(page, "unsubscribe-submit");
            page.keyboard().press("Enter");
            page.waitForSelector("text=You are unsubscribed");

            String confirm = fixture.signer("c1", Instant.now())
                    .sign(LinkClaims.confirmation(customer, promotions, "SMS", "n-" + run, Instant.now()));
            page.navigate(url("/c/" + confirm));
            screenshot(page, "confirm-en");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");
            page.waitForSelector("text=Your subscription is confirmed.");

            page.navigate(url("/p/not-a-valid-token"));
            assertThat(page.locator("section[lang=fr] h1").textContent()).isEqualTo("Ce lien ne fonctionne pas");
            screenshot(page, "invalid-link");
        }
        try (TopicReader submissions = new TopicReader(kafka(), topics.name("consent-submissions"))) {
            List<ConsentSubmitted> all = submissions.awaitValues(customer, KairosSerdes.consentSubmitted()::decode,
                    list -> list.size() >= 3);
            assertThat(all).extracting(s -> s.getAction() + " " + s.getChannel())
                    .containsExactly("GRANT SMS", "WITHDRAW SMS", "CONFIRM SMS");
            assertThat(all.get(0).getEvidence().getNoticeText()).isEqualTo("I agree to receive \u201cPromotions\u201d by text message.");
        }
    }

    /** Presses Tab until the element with {@code id} has the focus: proves it is reachable by keyboard. */
    private static void tabTo(Page page, String id) {
        for (int presses = 0; presses < 300; presses++) {
            page.keyboard().press("Tab");
            if (id.equals(page.evaluate("() => document.activeElement && document.activeElement.id"))) {
                return;
            }
        }
        throw new AssertionError("#" + id + " is not reachable with the Tab key");
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true).setType(ScreenshotType.PNG));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
