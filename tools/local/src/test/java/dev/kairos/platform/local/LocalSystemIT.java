package dev.kairos.platform.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.kairos.platform.testing.ProcessSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The infrastructure part of the local run ({@code --infra-only}) as a real process: data survives a clean
 * stop (SIGTERM) and a crash of the launcher (SIGKILL, which leaves PostgreSQL and the broker behind).
 */
class LocalSystemIT {

    private static final Pattern ENV_LINE = Pattern.compile("^\\s+([A-Z_]+)=(\\S+)");
    private static final String TOPIC = "local-system-it";

    @TempDir
    Path home;

    @Test
    void infrastructureKeepsDataAcrossStopAndLauncherCrash() throws Exception {
        Launcher first = Launcher.start(home);
        Map<String, String> env = first.awaitReady();
        String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS");
        String dbUrl = env.get("KAIROS_DB_URL");
        assertThat(dbUrl).endsWith("/preferences");
        execute(dbUrl, "CREATE TABLE note (text text)");
        execute(dbUrl, "INSERT INTO note VALUES ('kept')");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "kept")).get(30, TimeUnit.SECONDS);
        }

        first.terminate();
        assertThat(first.output()).containsSubsequence("Stopping Kairos...", "  stopped Kafka", "  stopped PostgreSQL")
                .anyMatch(line -> line.startsWith("Stopped."));
        assertThat(ProcessSupport.accepts(port(bootstrap))).isFalse();

        Launcher second = Launcher.start(home);
        assertThat(second.awaitReady()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap).containsEntry("KAIROS_DB_URL", dbUrl);
        assertDataKept(bootstrap, dbUrl);

        second.crash();

        Launcher third = Launcher.start(home);
        assertThat(third.awaitReady()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", bootstrap).containsEntry("KAIROS_DB_URL", dbUrl);
        assertDataKept(bootstrap, dbUrl);
        third.terminate();
        assertThat(ProcessSupport.accepts(port(bootstrap))).isFalse();
    }

    private static void assertDataKept(String bootstrap, String dbUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(dbUrl, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT text FROM note")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
        }
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        assertThat(values).containsExactly("kept");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int port(String bootstrap) {
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    /** {@code LocalSystem --infra-only} in its own JVM, on free ports, with its output collected. */
    private static final class Launcher {

        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();
        private final long startedAt = System.nanoTime();
        private final Thread reader;

        private Launcher(Process process) {
            this.process = process;
            this.reader = new Thread(this::collectOutput, "local-system-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Launcher start(Path home) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(ProcessSupport.javaBinary(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"),
                    "-Dkairos.root=" + home,
                    LocalSystem.class.getName(), "--infra-only")
                    .redirectErrorStream(true);
            builder.environment().put("KAIROS_HOME", home.toString());
            builder.environment().put("KAIROS_PG_PORT", "0");
            builder.environment().put("KAIROS_KAFKA_PORT", "0");
            return new Launcher(builder.start());
        }

        private void collectOutput() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[launcher " + process.pid() + "] " + line);
                    output.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }

        /** Waits for "Ready." and returns the environment lines it printed. */
        Map<String, String> awaitReady() {
            await().atMost(Duration.ofSeconds(180))
                    .failFast("the launcher exited: " + output, () -> !process.isAlive())
                    .until(() -> output.stream().anyMatch(line -> line.startsWith("Ready.")));
            System.out.printf("launcher %d ready after %d ms%n", process.pid(), (System.nanoTime() - startedAt) / 1_000_000);
            Map<String, String> env = new HashMap<>();
            for (String line : output) {
                Matcher matcher = ENV_LINE.matcher(line);
                if (matcher.find()) {
                    env.put(matcher.group(1), matcher.group(2));
                }
            }
            return env;
        }

        /** SIGTERM, as Ctrl-C's shutdown path, and waits for the launcher to exit. */
        void terminate() throws InterruptedException {
            long stoppingAt = System.nanoTime();
            // Through the handle: Process.destroy() would also close our end of its stdout, losing the last lines.
            process.toHandle().destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            System.out.printf("launcher %d stopped after %d ms%n", process.pid(), (System.nanoTime() - stoppingAt) / 1_000_000);
            // Stopped by its shutdown hook: the JVM's exit code for SIGTERM.
            assertThat(process.exitValue()).isEqualTo(143);
            reader.join(10_000); // the last lines may still be in the pipe
        }

        List<String> output() {
            return output;
        }

        /** SIGKILL: no shutdown hook runs, the children are left behind. */
        void crash() throws InterruptedException {
            process.toHandle().destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
        }
    }
}
