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

/**
 * The whole local system as a newcomer starts it ({@code ./kairos run --no-build}), on free ports and in a
 * temporary folder so that it never meets a developer's own run; stopped the way Ctrl-C does.
 */
final class LocalRun {

    static final Path ROOT = Path.of(System.getProperty("kairos.root", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("PREFERENCES", "DISPATCH", "COMPLIANCE");
    /** How long the system may take to be ready; a crowded machine may need {@code -Dkairos.e2e.startup-minutes}. */
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
        Path home = Files.createTempDirectory("kairos-e2e-home");
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : List.of("PG", "KAFKA", "PREFERENCES", "DISPATCH", "COMPLIANCE")) {
            ports.put(name, freePort());
        }
        ProcessBuilder run = new ProcessBuilder("bash", "kairos", "run", "--no-build")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.log").toFile());
        environment(home, ports, run.environment());
        LocalRun started = new LocalRun(home, run.start(), ports);
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertThat(started.launcher.isAlive()).as("the launcher exited:%n%s", started.log()).isTrue();
            return SERVICES.stream().allMatch(started::ready);
        });
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
