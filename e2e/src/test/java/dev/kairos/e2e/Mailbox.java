package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a customer's mailbox does with an email the local email end kept: open it, press its unsubscribe button. */
final class Mailbox {

    private Mailbox() {
    }

    /** The email kept as {@code sinks/email/<fileName>}. */
    static MimeMessage kept(LocalRun run, String fileName) throws IOException, MessagingException {
        try (InputStream eml = Files.newInputStream(run.home().resolve("sinks/email").resolve(fileName))) {
            return new MimeMessage(Session.getInstance(new Properties()), eml);
        }
    }

    /** The preference-centre link in the email's text, on this run's preferences service. */
    static String centreLink(LocalRun run, MimeMessage email) throws IOException, MessagingException {
        Matcher link = Pattern.compile(Pattern.quote(run.baseUrl("PREFERENCES")) + "/p/[A-Za-z0-9_-]+")
                .matcher(email.getContent().toString());
        assertThat(link.find()).as("a preference-centre link in the email's text").isTrue();
        return link.group();
    }

    /** The HTTPS link of {@code List-Unsubscribe}, which comes before the mailto address. */
    static String unsubscribeLink(MimeMessage email) throws MessagingException {
        return email.getHeader("List-Unsubscribe", null).replaceAll("(?s)^<([^>]+)>.*$", "$1");
    }

    /** The mailbox provider's unsubscribe button (RFC 8058): a POST without cookies. */
    static HttpResponse<String> pressUnsubscribe(String link) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
