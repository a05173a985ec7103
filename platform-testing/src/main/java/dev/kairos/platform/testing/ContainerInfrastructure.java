package dev.kairos.platform.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers path of {@link TestInfrastructure}, in a class of its own so that Testcontainers
 * classes are loaded only when this path is taken (test classpaths without Testcontainers still work).
 */
final class ContainerInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private ContainerInfrastructure() {
    }

    /** Whether Testcontainers is on the classpath and a Docker engine answers. Never throws. */
    static boolean dockerAvailable() {
        if (!onClasspath() || !dockerConfigured()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            log.debug("Docker check failed", e);
            return false;
        }
    }

    static KafkaCluster startKafka(Consumer<AutoCloseable> stopAtExit) {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        stopAtExit.accept(container::stop);
        log.info("Tests use Kafka in a container at {}", container.getBootstrapServers());
        return container::getBootstrapServers;
    }

    static PostgresServer startPostgres(Consumer<AutoCloseable> stopAtExit) {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        stopAtExit.accept(container::stop);
        log.info("Tests use PostgreSQL in a container at {}", container.getJdbcUrl());
        return new JdbcPostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static boolean onClasspath() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerInfrastructure.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Without any sign of a Docker engine, skip asking Testcontainers: its search tries several strategies
     * and logs an error for each before answering no. The docker CLI alone (no engine) is not a sign.
     */
    private static boolean dockerConfigured() {
        String home = System.getProperty("user.home");
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".colima", "default", "docker.sock"))
                || Files.exists(Path.of(home, ".rd", "docker.sock"))
                || runtimeDir != null && Files.exists(Path.of(runtimeDir, "podman", "podman.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null;
    }
}
