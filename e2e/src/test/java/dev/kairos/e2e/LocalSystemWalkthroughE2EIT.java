package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What a newcomer does: start the whole system with the README's run command, then paste the README's
 * walkthrough. Runs the walkthrough exactly as written, only pointed at this run's ports and folder, and
 * checks what a person would see: c-42's personalised email is sent, c-43's is suppressed for want of
 * consent. Finally stops the system the way Ctrl-C does and checks that nothing is left running.
 */
class LocalSystemWalkthroughE2EIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("kairos.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();
    private static Path home;
    private static Path launcherLog;
    private static Process launcher;

    @BeforeAll
    static void startTheLocalSystem() throws Exception {
        home = Files.createTempDirectory("kairos-e2e-home");
        launcherLog = home.resolve("launcher.log");
        for (String name : List.of("PG", "KAFKA", "PREFERENCES", "DISPATCH", "COMPLIANCE")) {
            PORTS.put(name, freePort());
        }
        ProcessBuilder run = new ProcessBuilder("bash", "kairos", "run", "--no-build")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(launcherLog.toFile());
        environment(run.environment());
        launcher = run.start();

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(launcher.isAlive()).as("the launcher exited:%n%s", log()).isTrue();
            return ready("PREFERENCES") && ready("DISPATCH") && ready("COMPLIANCE");
        });
    }

    @AfterAll
    static void stopTheLocalSystem() throws Exception {
        if (launcher == null) {
            return;
        }
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy(); // SIGTERM, as Ctrl-C would
        assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).as("the launcher stops within 2 minutes").isTrue();
        assertThat(children).as("every process it started has stopped").noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void theReadmeWalkthroughSendsThePersonalisedEmailAndSuppressesTheOneWithoutConsent() throws Exception {
        String walkthrough = pointedAtThisRun(Readme.walkthrough(ROOT.resolve("README.md")));

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", walkthrough)
                .directory(ROOT.toFile())
                .redirectErrorStream(true);
        environment(bash.environment());
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
        assertThat(Files.list(home.resolve("sinks").resolve("email")).map(p -> p.getFileName().toString()))
                .containsExactly("black-friday-2026_c-42.email.eml");
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
                .replace("http://localhost:8081", "http://localhost:" + PORTS.get("PREFERENCES"))
                .replace("http://localhost:8082", "http://localhost:" + PORTS.get("DISPATCH"))
                .replace("http://localhost:8083", "http://localhost:" + PORTS.get("COMPLIANCE"))
                .replace(".kairos/sinks", home.resolve("sinks").toString());
    }

    private static void environment(Map<String, String> env) {
        env.put("KAIROS_HOME", home.toString());
        PORTS.forEach((name, port) -> env.put("KAIROS_" + name + "_PORT", Integer.toString(port)));
    }

    private static boolean ready(String service) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + PORTS.get(service) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String log() throws IOException {
        return Files.readString(launcherLog);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
