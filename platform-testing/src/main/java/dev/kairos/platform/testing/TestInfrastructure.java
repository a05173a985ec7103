package dev.kairos.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster and PostgreSQL server that integration tests use: one of each per JVM, started on
 * first use and stopped when the JVM exits. Chosen in this order:
 * <ol>
 *   <li>external, when {@code KAFKA_BOOTSTRAP_SERVERS} / {@code KAIROS_DB_URL} (with {@code KAIROS_DB_USERNAME}
 *       and {@code KAIROS_DB_PASSWORD}; the URL names an administrative database) are set;</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>otherwise a forked KRaft broker in a temporary directory and embedded PostgreSQL binaries.</li>
 * </ol>
 * {@code KAIROS_TEST_INFRA=embedded} skips the Docker check, {@code KAIROS_TEST_INFRA=containers} insists on it.
 * Tests never rely on a server that happens to run on the machine.
 *
 * <p>Typical use, one fresh database per Spring context:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     PostgresServer postgres = TestInfrastructure.postgres();
 *     String database = postgres.createDatabase("preferences");
 *     registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
 *     registry.add("spring.datasource.username", postgres::username);
 *     registry.add("spring.datasource.password", postgres::password);
 *     registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().bootstrapServers());
 * }
 * }</pre>
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static KafkaCluster kafka;
    private static PostgresServer postgres;
    private static Boolean useContainers;
    private static final Deque<AutoCloseable> toStop = new ArrayDeque<>();
    private static boolean shutdownHookAdded;

    private TestInfrastructure() {
    }

    /** The shared Kafka cluster of this JVM. */
    public static synchronized KafkaCluster kafka() {
        if (kafka == null) {
            kafka = startKafka();
        }
        return kafka;
    }

    /** The shared PostgreSQL server of this JVM. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = startPostgres();
        }
        return postgres;
    }

    private static KafkaCluster startKafka() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            log.info("Tests use the external Kafka at {}", external);
            return () -> external;
        }
        if (useContainers()) {
            return ContainerInfrastructure.startKafka(TestInfrastructure::stopAtExit);
        }
        Path workDir = temporaryDirectory("kairos-kafka-");
        KraftBroker broker = KraftBroker.start(workDir);
        stopAtExit(() -> {
            broker.stop();
            deleteRecursively(workDir);
        });
        log.info("Tests use a forked KRaft broker at {} (log {})", broker.bootstrapServers(), broker.logFile());
        return broker;
    }

    private static PostgresServer startPostgres() {
        String url = System.getenv("KAIROS_DB_URL");
        if (url != null && !url.isBlank()) {
            log.info("Tests use the external PostgreSQL at {}", url);
            return new JdbcPostgresServer(url, envOrDefault("KAIROS_DB_USERNAME", "postgres"),
                    envOrDefault("KAIROS_DB_PASSWORD", ""));
        }
        if (useContainers()) {
            return ContainerInfrastructure.startPostgres(TestInfrastructure::stopAtExit);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        stopAtExit(server);
        log.info("Tests use embedded PostgreSQL on port {}", server.port());
        return server;
    }

    private static boolean useContainers() {
        if (useContainers == null) {
            String mode = envOrDefault("KAIROS_TEST_INFRA", "auto").toLowerCase(Locale.ROOT);
            useContainers = switch (mode) {
                case "embedded" -> false;
                case "containers" -> true;
                default -> ContainerInfrastructure.dockerAvailable();
            };
        }
        return useContainers;
    }

    private static synchronized void stopAtExit(AutoCloseable resource) {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll, "kairos-test-infrastructure-stop"));
            shutdownHookAdded = true;
        }
        toStop.push(resource);
    }

    private static void stopAll() {
        awaitSpringShutdownHooks();
        AutoCloseable resource;
        while ((resource = pollNext()) != null) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop test infrastructure cleanly", e);
            }
        }
    }

    /**
     * Shutdown hooks run concurrently. Spring closes the tests' application contexts in its own hooks, and
     * their Kafka clients and connection pools would wait on (and log about) a broker or database stopped
     * under them: let those hooks finish first, within a bound.
     */
    private static void awaitSpringShutdownHooks() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (thread != Thread.currentThread() && name.startsWith("Spring") && name.endsWith("ShutdownHook")) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return;
                }
                try {
                    thread.join(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static synchronized AutoCloseable pollNext() {
        return toStop.poll();
    }

    private static String envOrDefault(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
