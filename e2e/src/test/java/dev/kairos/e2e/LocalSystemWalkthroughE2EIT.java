package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a newcomer does: start the whole system with the README's run command, then paste the README's
 * walkthrough. Runs the walkthrough exactly as written, only pointed at this run's ports and folder, and
 * checks what a person would see: c-42's personalised email is sent, c-43's is suppressed for want of
 * consent. Then c-42 acts on that email as a customer would: opens the preference centre from its link in
 * Chromium, chooses a weekly digest, and unsubscribes the way a mailbox provider's button does (RFC 8058);
 * the withdrawal reaches compliance and stops dispatch's next message. Finally stops the system the way
 * Ctrl-C does and checks that nothing is left running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalSystemWalkthroughE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = LocalRun.ROOT;
    private static LocalRun run;

    @BeforeAll
    static void startTheLocalSystem() throws Exception {
        run = LocalRun.start();
    }

    @AfterAll
    static void stopTheLocalSystem() throws Exception {
        if (run != null) {
            run.stop();
        }
    }

    @Test
    @Order(1)
    void theReadmeWalkthroughSendsThePersonalisedEmailAndSuppressesTheOneWithoutConsent() throws Exception {
        String walkthrough = pointedAtThisRun(Readme.walkthrough(ROOT.resolve("README.md")));

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", walkthrough)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        run.environment(bash.environment());
        Process script = bash.start();
        assertThat(script.waitFor(3, TimeUnit.MINUTES)).as("the walkthrough finishes").isTrue();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(script.exitValue()).as("walkthrough output:%n%s", output).isZero();
        JsonNode sent = statusOf("black-friday-2026:c-42", output);
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(sent.get("consentEntryId").asString()).isNotBlank();
        JsonNode suppressed = statusOf("black-friday-2026:c-43", output);
        assertThat(suppressed.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.get("reasons").get(0).asString()).isEqualTo("NO_CONSENT");
        assertThat(output).contains("To: c-42@example.fr").contains("Subject: Bonjour Camille Durand, -30 % ce week-end");
        // The campaign message, and the acknowledgement of c-42's opt-in: a SERVICE message in c-42's language,
        // greeted by the form of address c-42 chose (no title: by name). Nothing for c-43, who gave no consent.
        Path emails = run.home().resolve("sinks").resolve("email");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailFiles(emails).size() >= 2);
        List<String> files = emailFiles(emails);
        assertThat(files).hasSize(2).contains("black-friday-2026_c-42.email.eml");
        String acknowledgementFile = files.stream().filter(f -> f.startsWith("consent-acknowledgement_")).findFirst()
                .orElseThrow(() -> new AssertionError("no acknowledgement among " + files));
        MimeMessage acknowledgement = new MimeMessage(Session.getInstance(new Properties()),
                Files.newInputStream(emails.resolve(acknowledgementFile)));
        assertThat(acknowledgement.getHeader("To", null)).isEqualTo("c-42@example.fr");
        assertThat(acknowledgement.getSubject()).isEqualTo("Votre choix est enregistré");
        assertThat(acknowledgement.getContent().toString()).startsWith("Bonjour Camille Durand,")
                .contains("votre accord pour recevoir «\u00a0promotions\u00a0» par e-mail");
    }

    private static List<String> emailFiles(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".eml")).sorted().toList();
        }
    }

    @Test
    @Order(2)
    void theCustomerFollowsTheEmailsLinksToADigestThenUnsubscribesWithOneClick() throws Exception {
        MimeMessage email = new MimeMessage(Session.getInstance(new Properties()),
                Files.newInputStream(run.home().resolve("sinks/email/black-friday-2026_c-42.email.eml")));
        String preferencesBase = "http://localhost:" + run.port("PREFERENCES");
        Matcher centreLink = Pattern.compile(Pattern.quote(preferencesBase) + "/p/[A-Za-z0-9_-]+")
                .matcher(email.getContent().toString());
        assertThat(centreLink.find()).as("a preference-centre link in the email's text").isTrue();
        // The HTTPS link comes first, then the mailto address.
        String unsubscribeLink = email.getHeader("List-Unsubscribe", null).replaceAll("(?s)^<([^>]+)>.*$", "$1");
        assertThat(unsubscribeLink).startsWith(preferencesBase + "/u/");
        assertThat(email.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of(System.getProperty("kairos.chromium", "/usr/bin/chromium")))
                     .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage();
            page.navigate(centreLink.group());
            assertThat(page.getAttribute("html", "lang")).isEqualTo("fr");
            assertThat(page.locator("h1").textContent()).isEqualTo("Vos préférences de communication");
            assertThat(page.locator("#topic-consent-confirmation-mode").count())
                    .as("Kairos's own confirmation topic is not the customer's to choose").isZero();
            page.selectOption("#topic-promotions-mode", "DIGEST_WEEK");
            page.selectOption("#topic-promotions-digestOn", "SATURDAY");
            page.fill("#topic-promotions-digestAt", "09:00");
            page.click("#save");
            page.waitForURL("**?saved");
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(Path.of("target/screenshots/e2e-centre-from-email.png")));
        }
        JsonNode digest = api("PREFERENCES", "GET", "/api/v1/customers/c-42/preferences", null)
                .get("topics").get("promotions").get("digest");
        assertThat(digest.get("every").asString() + " " + digest.get("on").asString() + " " + digest.get("at").asString())
                .isEqualTo("WEEK SATURDAY 09:00");

        // The mailbox provider's unsubscribe button: a POST without cookies, answered without a redirect.
        HttpResponse<String> oneClick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(unsubscribeLink))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Location")).isEmpty();
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api("COMPLIANCE", "GET", "/api/v1/customers/c-42/consents", null).get("consents").toString())
                .contains("\"status\":\"WITHDRAWN\""));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api("DISPATCH", "GET", "/api/v1/customers/c-42/data-export", null).toString().contains("WITHDRAWN"));
        api("DISPATCH", "POST", "/api/v1/messages", """
                {"requestId": "black-friday-2026-reminder:c-42", "customerId": "c-42", "topic": "promotions",
                 "content": {"EMAIL": {"subject": "Dernier jour", "text": "{{salutation}}, c'est aujourd'hui."}}}""");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reminder = api("DISPATCH", "GET", "/api/v1/messages/black-friday-2026-reminder:c-42", null);
            assertThat(reminder.get("status").asString()).isEqualTo("SUPPRESSED");
            assertThat(reminder.get("reasons").toString()).contains("CONSENT_WITHDRAWN");
        });
    }

    /** Calls a service's API with a token from the README's token command. */
    private static JsonNode api(String service, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.baseUrl(service) + path))
                .header("Authorization", "Bearer " + run.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** The status answer for a request among the JSON lines the walkthrough printed. */
    private static JsonNode statusOf(String requestId, String output) {
        return output.lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> node.has("status") && node.has("history") && requestId.equals(node.get("requestId").asString()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no status of " + requestId + " in:\n" + output));
    }

    /** The walkthrough as written, with the default ports and folder replaced by this run's. */
    private static String pointedAtThisRun(String walkthrough) {
        return walkthrough
                .replace("http://localhost:8081", "http://localhost:" + run.port("PREFERENCES"))
                .replace("http://localhost:8082", "http://localhost:" + run.port("DISPATCH"))
                .replace("http://localhost:8083", "http://localhost:" + run.port("COMPLIANCE"))
                .replace(".kairos/sinks", run.home().resolve("sinks").toString());
    }
}
