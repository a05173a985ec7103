package dev.kairos.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka (KRaft, broker and controller in one) running in its own JVM, started from
 * Kafka's Maven artifacts on a classpath. Being a separate process, it can be killed with SIGKILL to test
 * crashes, and restarted on the same data and ports.
 *
 * <p>Layout of the work directory: {@code server.properties}, {@code broker.log} (the JVM's stdout and
 * stderr), {@code logback.xml}, {@code kairos-broker.properties} (ports and cluster id, reused by the next
 * start on the same directory), {@code broker.pid} and {@code data/} (Kafka's log and metadata directory).
 */
public final class KraftBroker implements KafkaCluster, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;
    private static final String LAUNCHER_CLASS_FILE = ForkedKafka.class.getName().replace('.', '/') + ".class";

    private final Path workDir;
    private final Path dataDir;
    private final Path logFile;
    private final Path serverProperties;
    private final Path logbackConfig;
    private final Path argFile;
    private final Path pidFile;
    private final String classpath;
    private final int port;
    private final int controllerPort;
    /** The SASL_PLAINTEXT (SCRAM-SHA-512) listener's port, with ACLs enforced; 0 when the broker has none. */
    private final int saslPort;
    private Process process;

    private KraftBroker(Path workDir, String classpath, int port, int controllerPort, int saslPort) {
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("broker.log");
        this.serverProperties = workDir.resolve("server.properties");
        this.logbackConfig = workDir.resolve("logback.xml");
        this.argFile = workDir.resolve("classpath.args");
        this.pidFile = workDir.resolve("broker.pid");
        this.classpath = classpath;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
    }

    /**
     * Starts a broker in {@code workDir} with the current JVM's classpath (which must hold {@code kafka_2.13}
     * and {@code kafka-server}) on free loopback ports, and waits until it serves clients.
     */
    public static KraftBroker start(Path workDir) {
        return start(workDir, System.getProperty("java.class.path"), 0);
    }

    /**
     * Starts a broker in {@code workDir} and waits until it serves clients. A directory used before keeps its
     * data (it is formatted only the first time) and, when they are still free, its ports.
     *
     * @param classpath the forked JVM's classpath; must hold the Kafka server jars and an SLF4J 2 binding
     * @param preferredPort the client port to use when the directory remembers none, if free; 0 for any free port
     */
    public static KraftBroker start(Path workDir, String classpath, int preferredPort) {
        return start(workDir, classpath, preferredPort, false);
    }

    /**
     * Starts a broker as {@link #start(Path)} does, with a second client listener, SASL_PLAINTEXT with
     * SCRAM-SHA-512 ({@link #saslBootstrapServers()}), and ACLs enforced by KRaft's {@code StandardAuthorizer}:
     * a user without an ACL may do nothing. The PLAINTEXT listener ({@link #bootstrapServers()}) stays for the
     * test's operator, a super user, who creates the SCRAM users and their ACLs through the Admin API.
     */
    public static KraftBroker startWithScramAndAcls(Path workDir) {
        return start(workDir, System.getProperty("java.class.path"), 0, true);
    }

    private static KraftBroker start(Path workDir, String classpath, int preferredPort, boolean scram) {
        Path dir = workDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            stopLeftover(dir);
            Properties remembered = loadState(dir);
            int port = choosePort(remembered.getProperty("port"), preferredPort);
            int controllerPort = choosePort(remembered.getProperty("controller.port"), 0);
            if (controllerPort == port) {
                controllerPort = ProcessSupport.freePort();
            }
            int saslPort = scram ? choosePort(remembered.getProperty("sasl.port"), 0) : 0;
            while (scram && (saslPort == port || saslPort == controllerPort)) {
                saslPort = ProcessSupport.freePort();
            }
            KraftBroker broker = new KraftBroker(dir, classpath, port, controllerPort, saslPort);
            broker.writeConfiguration();
            String formatWith = null;
            if (!broker.isFormatted()) {
                formatWith = remembered.getProperty("cluster.id", Uuid.randomUuid().toString());
                remembered.setProperty("cluster.id", formatWith);
            }
            remembered.setProperty("port", Integer.toString(port));
            remembered.setProperty("controller.port", Integer.toString(controllerPort));
            if (scram) {
                remembered.setProperty("sasl.port", Integer.toString(saslPort));
            }
            saveState(dir, remembered);
            broker.launchAndAwaitReady(formatWith);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a Kafka broker in " + dir, e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL_PLAINTEXT (SCRAM-SHA-512) listener of a broker started by {@link #startWithScramAndAcls}. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker has no SASL listener");
        }
        return "127.0.0.1:" + saslPort;
    }

    /** The client (PLAINTEXT) port. */
    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    /** The file that receives the broker JVM's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** The pid of the broker JVM, or -1 when it is not running. */
    public synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Crashes the broker: SIGKILL, no controlled shutdown, and waits until the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!ProcessSupport.awaitExit(process.toHandle(), KILL_TIMEOUT)) {
            throw new IllegalStateException("Broker pid " + process.pid() + " did not die after SIGKILL");
        }
        process = null;
    }

    /** Starts the broker again on the same data and ports (after {@link #kill()} or {@link #stop()}) and waits until ready. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("The broker is running; stop() or kill() it first");
        }
        try {
            launchAndAwaitReady(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not restart the broker in " + workDir, e);
        }
    }

    /** Stops the broker cleanly: SIGTERM (Kafka's controlled shutdown) and waits; SIGKILL if it hangs. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        if (!ProcessSupport.terminate(process.toHandle(), STOP_TIMEOUT)) {
            log.warn("Kafka broker pid {} did not stop within {}; killed it", process.pid(), STOP_TIMEOUT);
        }
        process = null;
        deleteQuietly(pidFile);
    }

    @Override
    public void close() {
        stop();
    }

    private static int choosePort(String remembered, int preferred) {
        if (remembered != null) {
            int port = Integer.parseInt(remembered);
            if (ProcessSupport.isFree(port)) {
                return port;
            }
            log.warn("Port {} used by this broker before is taken now; choosing another", port);
        }
        return ProcessSupport.preferredOrFree(preferred);
    }

    private static Properties loadState(Path dir) throws IOException {
        Properties state = new Properties();
        Path file = dir.resolve("kairos-broker.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                state.load(in);
            }
        }
        return state;
    }

    private static void saveState(Path dir, Properties state) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("kairos-broker.properties"))) {
            state.store(out, "Ports and cluster id of the KRaft broker in this directory, reused on restart");
        }
    }

    /**
     * A broker of a persistent directory whose launcher was killed may still be running (its watchdog
     * stops it within seconds, but not instantly); it holds the ports and the data directory lock, so stop
     * it first.
     */
    private static void stopLeftover(Path dir) {
        Path recordedPid = dir.resolve("broker.pid");
        ProcessSupport.recordedProcess(recordedPid, dir.resolve("server.properties").toString()).ifPresent(leftover -> {
            log.warn("Stopping Kafka broker pid {} left running by an earlier run", leftover.pid());
            ProcessSupport.terminate(leftover, STOP_TIMEOUT);
        });
    }

    private boolean isFormatted() {
        return Files.isRegularFile(dataDir.resolve("meta.properties"));
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(dataDir);
        String listeners = "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
        List<String> lines = new ArrayList<>(List.of(
                "# Written by " + KraftBroker.class.getName() + " on every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + listeners,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir,
                // One node: internal topics cannot have more than one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers join at once instead of waiting 3 s for more members.
                "group.initial.rebalance.delay.ms=0",
                // After a SIGKILL the restarted broker cannot register until the controller has expired the
                // dead incarnation's session (default 9 s); a shorter session makes crash tests faster.
                "broker.session.timeout.ms=5000",
                "broker.heartbeat.interval.ms=1000",
                // Topics are created by their services with the configured partition count; a topic
                // auto-created by a stray producer would get one partition and silently break co-partitioning.
                "auto.create.topics.enable=false"));
        if (saslPort != 0) {
            String sasl = "SASL_PLAINTEXT://127.0.0.1:" + saslPort;
            lines.replaceAll(line -> line.startsWith("listeners=") ? line + "," + sasl
                    : line.startsWith("advertised.listeners=") ? line + "," + sasl
                    : line.startsWith("listener.security.protocol.map=") ? line + ",SASL_PLAINTEXT:SASL_PLAINTEXT"
                    : line);
            lines.addAll(List.of(
                    "sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
                            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    "allow.everyone.if.no.acl.found=false",
                    // The PLAINTEXT and CONTROLLER listeners authenticate nobody: their principal is ANONYMOUS,
                    // the broker itself and the test's operator.
                    "super.users=User:ANONYMOUS"));
        }
        Files.write(serverProperties, lines, StandardCharsets.UTF_8);

        // The classpath may be long (a service's whole test classpath): pass it in a java @argfile.
        String quoted = classpath.replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(argFile, "-cp \"" + quoted + "\"\n", StandardCharsets.UTF_8);

        // Kafka logs through SLF4J; with Logback and no configuration it would log everything at DEBUG.
        // An explicit file also wins over a logback-test.xml that a service's test classpath may carry.
        Files.writeString(logbackConfig, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="state.change.logger" level="WARN"/>
                  <logger name="kafka.request.logger" level="WARN"/>
                  <logger name="org.apache.kafka.clients" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
    }

    private List<String> javaCommand(String maxHeap) {
        List<String> command = new ArrayList<>(ProcessSupport.ownSessionPrefix());
        command.add(ProcessSupport.javaBinary());
        command.add("-Xms64m");
        command.add(maxHeap);
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=" + logbackConfig);
        // log4j-api finds both log4j-core and log4j-to-slf4j on these classpaths: route it to SLF4J explicitly.
        command.add("-Dlog4j2.provider=org.apache.logging.slf4j.SLF4JProvider");
        command.add("@" + argFile);
        return command;
    }

    /** Formats the storage in a JVM of its own (only when {@link ForkedKafka} is not on the classpath). */
    private void format(String clusterId) throws IOException {
        List<String> command = javaCommand("-Xmx256m");
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", serverProperties.toString()));
        Process formatter = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!formatter.waitFor(FORMAT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                formatter.destroyForcibly();
                throw failure("formatting the storage did not finish within " + FORMAT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            formatter.destroyForcibly();
            Thread.currentThread().interrupt();
            throw failure("interrupted while formatting the storage");
        }
        if (formatter.exitValue() != 0) {
            throw failure("formatting the storage failed (exit code " + formatter.exitValue() + ")");
        }
    }

    /**
     * Starts the broker JVM and waits until it serves clients.
     *
     * @param clusterId formats the storage with this cluster id first, unless null
     */
    private void launchAndAwaitReady(String clusterId) throws IOException {
        long started = System.nanoTime();
        Files.writeString(logFile, "=== starting broker on " + bootstrapServers() + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = javaCommand("-Xmx512m");
        if (classpathHasLauncher()) {
            command.add(ForkedKafka.class.getName());
            command.add(Long.toString(ProcessHandle.current().pid()));
            command.add(serverProperties.toString());
            if (clusterId != null) {
                command.add("format");
                command.add(clusterId);
            }
        } else {
            if (clusterId != null) {
                format(clusterId);
            }
            command.add("kafka.Kafka");
            command.add(serverProperties.toString());
        }
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
        try {
            awaitReady();
        } catch (RuntimeException e) {
            if (process.isAlive()) {
                process.destroyForcibly();
                ProcessSupport.awaitExit(process.toHandle(), KILL_TIMEOUT);
            }
            process = null;
            throw e;
        }
        log.info("Kafka broker ready on {} in {} ms (pid {}, log {})",
                bootstrapServers(), (System.nanoTime() - started) / 1_000_000, process.pid(), logFile);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // First wait for the port: Kafka opens client listeners last, and an Admin client polling a closed
        // port logs a warning for every attempt.
        while (!ProcessSupport.accepts(port)) {
            pauseWhileAlive(deadline);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                try {
                    Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not ready yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("interrupted while waiting for the broker");
                }
                pauseWhileAlive(deadline);
            }
        }
    }

    /** Waits a moment; fails fast if the broker died or the deadline passed. */
    private void pauseWhileAlive(long deadline) {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                throw failure("the broker exited with code " + process.exitValue() + " while starting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for the broker");
        }
        if (System.nanoTime() > deadline) {
            throw failure("the broker did not serve clients on " + bootstrapServers() + " within " + READY_TIMEOUT);
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("Kafka broker in " + workDir + ": " + what + ". Last lines of " + logFile
                + ":" + System.lineSeparator() + ProcessSupport.tail(logFile, LOG_TAIL_LINES));
    }

    /**
     * {@link ForkedKafka} needs this library on the broker's classpath; a custom classpath may lack it, and
     * then the storage is formatted by a JVM of its own and the broker runs without a parent watch.
     */
    private boolean classpathHasLauncher() {
        for (String entry : classpath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(LAUNCHER_CLASS_FILE))) {
                return true;
            }
            if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    if (jar.getEntry(LAUNCHER_CLASS_FILE) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    // not a readable jar: keep looking
                }
            }
        }
        return false;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // only a hint for the next start
        }
    }
}
