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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole local system as a newcomer starts it ({@code ./kairos run --no-build}), on free ports and in a
 * temporary folder so that it never meets a developer's own run; stopped the way Ctrl-C does.
 */
final class LocalRun {

    static final Path ROOT = Path.of(System.getProperty("kairos.root", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("PREFERENCES", "DISPATCH", "COMPLIANCE");
    /** How long the system may take to be ready; a crowded machine may need {@code -Dkairos.e2e.startup-minutes}. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofMinutes(Long.getLong("kairos.e2e.startup-minutes", 4));

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path home;
    private final Path launcherLog;
    private final Process launcher;
    private String token;

    private LocalRun(Path home, Process launcher, Map<String, Integer> ports) {
        this.home = home;
        this.launcherLog = home.resolve("launcher.log");
        this.launcher = launcher;
        this.ports.putAll(ports);
    }

    /** Starts the system and waits until the three services are ready. */
    static LocalRun start() throws Exception {
        return start(Files.createTempDirectory("kairos-e2e-home"), Map.of());
    }

    /**
     * Starts the system in {@code home}, where {@code config/<service>.yml} may already add to a service's
     * configuration, with {@code launcherEnvironment} added to the launcher's (e.g. a broker to use instead of
     * its own), and waits until the three services are ready.
     */
    static LocalRun start(Path home, Map<String, String> launcherEnvironment) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("PG", "KAFKA", "PREFERENCES", "DISPATCH", "COMPLIANCE")) {
            ports.put(name, freePort());
        }
        ProcessBuilder run = new ProcessBuilder("bash", "kairos", "run", "--no-build")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.log").toFile());
        environment(home, ports, run.environment());
        run.environment().putAll(launcherEnvironment);
        LocalRun started = new LocalRun(home, run.start(), ports);
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(started.launcher.isAlive()).as("the launcher exited:%n%s", started.log()).isTrue();
                return SERVICES.stream().allMatch(started::ready);
            });
        } catch (ConditionTimeoutException | AssertionError e) {
            List<String> notReady = SERVICES.stream().filter(service -> !started.ready(service)).toList();
            // Not returned, so no test class would stop it: the launcher and its services would outlive the build.
            started.launcher.destroy();
            started.launcher.waitFor(120, TimeUnit.SECONDS);
            throw new AssertionError("The local run did not start; not ready: " + notReady + " (logs in "
                    + home.resolve("logs") + ")", e);
        }
        return started;
    }

    /** Stops everything as Ctrl-C does and checks that nothing it started is left running. */
    void stop() throws Exception {
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy(); // SIGTERM, as Ctrl-C would
        assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).as("the launcher stops within 2 minutes").isTrue();
        assertThat(children).as("every process it started has stopped").noneMatch(ProcessHandle::isAlive);
    }

    int port(String name) {
        return ports.get(name);
    }

    String baseUrl(String service) {
        return "http://localhost:" + port(service);
    }

    Path home() {
        return home;
    }

    Process launcher() {
        return launcher;
    }

    /** Points a child process (the walkthrough, the token command) at this run. */
    void environment(Map<String, String> env) {
        environment(home, ports, env);
    }

    private static void environment(Path home, Map<String, Integer> ports, Map<String, String> env) {
        env.put("KAIROS_HOME", home.toString());
        ports.forEach((name, port) -> env.put("KAIROS_" + name + "_PORT", Integer.toString(port)));
    }

    /** A token from the README's token command, with every scope. */
    String token() throws Exception {
        if (token == null) {
            token = token(List.of());
        }
        return token;
    }

    /** A token from the README's token command with just these scopes (all of them when empty). */
    String token(List<String> scopes) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "kairos", "token"));
        command.addAll(scopes);
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        environment(builder.environment());
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).isZero();
        return printed;
    }

    /** Calls a service's API with a token from the README's token command; fails on an answer other than 2xx. */
    JsonNode api(String service, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(service) + path))
                .header("Authorization", "Bearer " + token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Whether a service's readiness answers UP (200). */
    boolean ready(String service) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(baseUrl(service) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String log() throws IOException {
        return Files.readString(launcherLog);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
