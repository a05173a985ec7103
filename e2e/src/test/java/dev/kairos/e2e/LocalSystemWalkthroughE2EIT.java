package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

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
        Walkthrough walkthrough = Walkthrough.run(run);

        JsonNode sent = walkthrough.status("black-friday-2026:c-42");
        assertThat(sent.get("status").asString()).isEqualTo("SENT");
        assertThat(sent.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(sent.get("consentEntryId").asString()).isNotBlank();
        JsonNode suppressed = walkthrough.status("black-friday-2026:c-43");
        assertThat(suppressed.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.get("reasons").get(0).asString()).isEqualTo("NO_CONSENT");
        assertThat(walkthrough.output()).contains("To: c-42@example.fr").contains("Subject: Bonjour Camille Durand, -30 % ce week-end");
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
        MimeMessage email = Mailbox.kept(run, "black-friday-2026_c-42.email.eml");
        String centreLink = Mailbox.centreLink(run, email);
        // The HTTPS link comes first, then the mailto address.
        String unsubscribeLink = Mailbox.unsubscribeLink(email);
        assertThat(unsubscribeLink).startsWith(run.baseUrl("PREFERENCES") + "/u/");
        assertThat(email.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of(System.getProperty("kairos.chromium", "/usr/bin/chromium")))
                     .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync")))) {
            Page page = browser.newPage();
            page.navigate(centreLink);
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
        JsonNode digest = run.api("PREFERENCES", "GET", "/api/v1/customers/c-42/preferences", null)
                .get("topics").get("promotions").get("digest");
        assertThat(digest.get("every").asString() + " " + digest.get("on").asString() + " " + digest.get("at").asString())
                .isEqualTo("WEEK SATURDAY 09:00");

        // The mailbox provider's unsubscribe button: a POST without cookies, answered without a redirect.
        HttpResponse<String> oneClick = Mailbox.pressUnsubscribe(unsubscribeLink);
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Location")).isEmpty();
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        Walkthrough.awaitTheWithdrawalStopsTheNextMessage(run);
    }
}
