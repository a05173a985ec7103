package dev.kairos.preferences;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.KraftBroker;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox keeps its promise when the broker dies: a preference change is accepted while the broker
 * process is killed with SIGKILL, and once the broker is back the change is on the snapshot topic,
 * once, after the changes made before it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutboxBrokerCrashIT {

    private static final KraftBroker BROKER = startBroker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "preferences_crash", BROKER);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aChangeAcceptedWhileTheBrokerIsDeadIsPublishedOnceAndInOrderWhenItIsBack() throws Exception {
        String customer = "c-crash-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(putPreferences(customer, "before@example.fr")).isEqualTo(200);
        try (TopicReader snapshots = new TopicReader(BROKER.bootstrapServers(), topics.name("contact-preferences"))) {
            snapshots.awaitAtLeast(customer, 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingInOutbox() == 0);

        BROKER.kill();
        assertThat(BROKER.isRunning()).isFalse();
        assertThat(putPreferences(customer, "during@example.fr")).isEqualTo(200);
        assertThat(putPreferences(customer, "during-too@example.fr")).isEqualTo(200);
        assertThat(pendingInOutbox()).isEqualTo(2);

        BROKER.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingInOutbox() == 0);
        try (TopicReader snapshots = new TopicReader(BROKER.bootstrapServers(), topics.name("contact-preferences"))) {
            List<ContactPreferences> published = snapshots.awaitAtLeast(customer, 3).stream()
                    .map(r -> KairosSerdes.contactPreferences().decode(r.value())).toList();
            assertThat(published).extracting(ContactPreferences::getVersion).containsExactly(1L, 2L, 3L);
            assertThat(published).extracting(p -> p.getContactPoints().getEmail())
                    .containsExactly("before@example.fr", "during@example.fr", "during-too@example.fr");
        }
    }

    private long pendingInOutbox() {
        Long pending = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
        return pending == null ? 0 : pending;
    }

    private int putPreferences(String customer, String email) throws IOException, InterruptedException {
        String body = """
                {"locale": "fr-FR", "timeZone": "Europe/Paris",
                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                 "contactPoints": {"email": "%s"}}""".formatted(email);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/" + customer + "/preferences"))
                .header("Authorization", "Bearer " + TestTokens.bearer("preferences:write"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static KraftBroker startBroker() {
        try {
            return KraftBroker.start(Files.createTempDirectory("kairos-outbox-crash-broker"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
