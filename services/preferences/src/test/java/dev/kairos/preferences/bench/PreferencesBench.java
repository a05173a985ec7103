package dev.kairos.preferences.bench;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Measures GET and PUT preferences beside a trivial endpoint of the same service (liveness), in one run,
 * on a real PostgreSQL and Kafka (those of {@code dev.kairos.platform.testing}: external ones when
 * {@code KAIROS_DB_URL} / {@code KAFKA_BOOTSTRAP_SERVERS} are set). The service runs in a JVM of its own,
 * forked from its runtime classpath, so the load generator's work does not count as the service's. For
 * each endpoint: latency at a fixed rate (open model: latency counts from when a request was due, so a
 * stall is not hidden), then throughput at saturation with a fixed number of concurrent clients. Each phase
 * also reports the CPU time per request of the service and of this load generator, and how busy the machine
 * was: on a shared machine those move less than the latencies. Run by {@code bench/preferences.sh}.
 */
public final class PreferencesBench {

    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int CUSTOMERS = 1_000;
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmup.rounds", 10);
    private static final int QUIET_JIT_PERCENT = 5;
    private static final String CPU_HEADINGS = String.format(Locale.ROOT, "%7s %7s %7s %7s %7s %8s",
            "service", "of JIT", "pg", "kafka", "load", "machine");
    private static final Path SERVICE_LOG = Path.of(System.getProperty("bench.service.log", "target/bench-service.log"));

    private final int port;
    private final String read = "Bearer " + TestTokens.bearer("preferences:read");
    private final String write = "Bearer " + TestTokens.bearer("preferences:write", "catalogue:write");
    private final Process service;
    private final Map<String, String> database;
    private ProcessHandle postmaster;

    private PreferencesBench(int port, Process service, Map<String, String> database) {
        this.port = port;
        this.service = service;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        ServiceTestProperties.register((name, value) -> properties.put(name, String.valueOf(value.get())), "preferences_bench");
        int port = freePort();
        Process service = startService(port, properties);
        Runtime.getRuntime().addShutdownHook(new Thread(service::destroyForcibly));
        int status = 0;
        try {
            awaitReady(port, service);
            new PreferencesBench(port, service, properties).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            stop(service);
        }
        System.exit(status);
    }

    /** The service as it runs in production: its own JVM, its runtime classpath, its application.yml. */
    private static Process startService(int port, Map<String, String> properties) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.asList(System.getProperty("bench.service.jvm", "-Xmx512m").trim().split("\\s+")));
        command.add("-cp");
        command.add(System.getProperty("bench.service.classpath"));
        command.add("dev.kairos.preferences.PreferencesApplication");
        command.add("--server.port=" + port);
        // As command-line arguments, so they override application.yml like the tests' dynamic properties do.
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        Files.createDirectories(SERVICE_LOG.toAbsolutePath().getParent());
        System.out.println("Service JVM: " + String.join(" ", command.subList(0, command.indexOf("-cp")))
                + " (log " + SERVICE_LOG + ")");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(SERVICE_LOG.toFile()).start();
    }

    private static void awaitReady(int port, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped while starting; see " + SERVICE_LOG);
            }
            try (HttpConnection probe = new HttpConnection(port)) {
                if (probe.exchange(request("GET", "/actuator/health/readiness", null, null)) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException("the service was not ready within 3 minutes; see " + SERVICE_LOG);
    }

    /** SIGTERM first, so a JFR recording is written out; then force. */
    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run() throws Exception {
        prepare();
        Map<String, IntFunction<byte[]>> endpoints = new LinkedHashMap<>();
        byte[] liveness = request("GET", "/actuator/health/liveness", null, null);
        endpoints.put("trivial (GET /actuator/health/liveness)", i -> liveness);
        endpoints.put("GET preferences", i -> request("GET", path(i), read, null));
        endpoints.put("PUT preferences", i -> request("PUT", path(i), write, document(i)));

        warmUp(endpoints.values());
        System.out.println(durability());
        postmaster = postmaster();
        Meter idle = new Meter(service, postmaster);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
        Phase quiet = idle.phase(new long[0], 0, 0);
        System.out.printf(Locale.ROOT, "Idle for 5 s, in %% of one core: service %.1f%% (of which JIT compilers %.1f%%),"
                        + " PostgreSQL %.1f%%, Kafka %.1f%%%n", quiet.serviceCpuMillisPerRequest() / 50,
                quiet.jitCpuMillisPerRequest() / 50, quiet.postgresCpuMillisPerRequest() / 50,
                quiet.kafkaCpuMillisPerRequest() / 50);
        System.out.printf(Locale.ROOT, "Measuring; load average before: %s%n", loadAverage());
        Map<String, Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<byte[]>> endpoint : endpoints.entrySet()) {
            // Wall-clock marks, to cut a profile of the service into phases.
            System.out.printf(Locale.ROOT, "%s %s at %d/s%n", LocalTime.now().withNano(0), endpoint.getKey(), RATE);
            Phase fixed = fixedRate(endpoint.getValue(), RATE, PHASE);
            settle();
            System.out.printf(Locale.ROOT, "%s %s at saturation%n", LocalTime.now().withNano(0), endpoint.getKey());
            Phase saturation = saturate(endpoint.getValue(), PHASE);
            settle();
            results.put(endpoint.getKey(), new Result(fixed, saturation));
        }
        print(results);
    }

    /**
     * Warms the service up as JMH's warm-up iterations do: each endpoint at saturation once, so the profiles
     * the JIT compiles from are those of load; then rounds of each endpoint at the fixed rate until the
     * service's JIT compilers go quiet. A Spring request path gives C2 thousands of methods to compile; at
     * saturation its one compiler thread on two cores is starved by the request threads and its queue hardly
     * drains, while at the fixed rate it has spare cores. A phase measured while the compilers still work
     * pays for them, and not equally across endpoints.
     */
    private void warmUp(Iterable<IntFunction<byte[]>> endpoints) throws Exception {
        Duration round = Duration.ofSeconds(Math.max(3, PHASE.toSeconds() / 2));
        System.out.println("Warming up: " + round.toSeconds() + " s per endpoint at saturation, then rounds of "
                + round.toSeconds() + " s per endpoint at " + RATE + "/s until the service's JIT compilers use under "
                + QUIET_JIT_PERCENT + "% of a core (at most " + WARM_UP_ROUNDS + " rounds)");
        for (IntFunction<byte[]> endpoint : endpoints) {
            saturate(endpoint, round);
            settle();
        }
        for (int r = 1; r <= WARM_UP_ROUNDS; r++) {
            long start = System.nanoTime();
            long jitBefore = Meter.jitCpuNanos(service.pid());
            for (IntFunction<byte[]> endpoint : endpoints) {
                fixedRate(endpoint, RATE, round);
                settle();
            }
            double percent = 100.0 * (Meter.jitCpuNanos(service.pid()) - jitBefore) / (System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "  round %d: JIT compilers used %.1f%% of a core%n", r, percent);
            if (percent < QUIET_JIT_PERCENT) {
                return;
            }
        }
        System.out.println("  (the JIT compilers were still busy; the column \"of JIT\" below shows what they took)");
    }

    private void print(Map<String, Result> results) {
        Result trivial = results.values().iterator().next();
        System.out.println();
        System.out.printf(Locale.ROOT, "Load average after: %s; %d cores%n", loadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-40s %10s %8s %8s %8s %6s | %s%n", "at " + RATE + " req/s",
                "achieved/s", "p50 ms", "p99 ms", "max ms", "errors", CPU_HEADINGS);
        for (Map.Entry<String, Result> entry : results.entrySet()) {
            Phase r = entry.getValue().fixed;
            System.out.printf(Locale.ROOT, "%-40s %10.0f %8.2f %8.2f %8.2f %6d | %s%n", entry.getKey(), r.rate,
                    r.percentile(50), r.percentile(99), r.percentile(100), r.errors, r.cpu());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %10s %8s %6s | %s%n", "at saturation (" + CONCURRENCY + " clients)",
                "req/s", "x triv.", "errors", CPU_HEADINGS);
        for (Map.Entry<String, Result> entry : results.entrySet()) {
            Phase r = entry.getValue().saturation;
            System.out.printf(Locale.ROOT, "%-40s %10.0f %8.2f %6d | %s%n", entry.getKey(), r.rate,
                    r.rate / trivial.saturation.rate, r.errors, r.cpu());
        }
        System.out.println("(CPU ms per request of the service JVM (of which its JIT compilers), PostgreSQL, the Kafka"
                + " broker and this load generator; machine: share of all cores busy, every process of every user included)");
        Result get = results.get("GET preferences");
        Result put = results.get("PUT preferences");
        // On a shared machine the throughputs move with the other users' load; the CPU each request costs
        // moves less. Were the machine CPU-bound and ours alone, saturation would go as its inverse.
        System.out.printf(Locale.ROOT, "CPU per request at saturation (service + PostgreSQL + Kafka + load), and the"
                + " throughput ratio it predicts on a machine of our own: trivial %.3f ms; GET %.3f ms -> %.2f x;"
                + " PUT %.3f ms -> %.2f x%n", trivial.saturation.totalCpu(), get.saturation.totalCpu(),
                trivial.saturation.totalCpu() / get.saturation.totalCpu(), put.saturation.totalCpu(),
                trivial.saturation.totalCpu() / put.saturation.totalCpu());
        System.out.println();
        System.out.printf(Locale.ROOT, "Target GET p99 <= 10 ms at %d/s: %.2f ms -> %s%n", RATE, get.fixed.percentile(99),
                get.fixed.percentile(99) <= 10 && get.fixed.errors == 0 ? "met" : "NOT met");
        double getRatio = get.saturation.rate / trivial.saturation.rate;
        System.out.printf(Locale.ROOT, "Target GET saturation >= 0.5 x trivial: %.0f/s vs %.0f/s = %.2f x -> %s%n",
                get.saturation.rate, trivial.saturation.rate, getRatio, getRatio >= 0.5 ? "met" : "NOT met");
        // The throughput target is GET's (ADR 0015): a PUT's database work alone costs more than a whole
        // liveness request, so it is reported, not judged.
        System.out.printf(Locale.ROOT, "PUT saturation (no target, ADR 0015): %.0f/s = %.2f x trivial%n",
                put.saturation.rate, put.saturation.rate / trivial.saturation.rate);
    }

    private record Result(Phase fixed, Phase saturation) {
    }

    /** One topic and a preferences document for each customer, so every GET finds one. */
    private void prepare() throws Exception {
        try (HttpConnection connection = new HttpConnection(port)) {
            expect(connection, request("PUT", "/api/v1/topics/promotions", write,
                    "{\"name\": \"Promotions\", \"category\": \"MARKETING\", \"defaultChannels\": [\"EMAIL\"]}"), 200, 201);
            for (int i = 0; i < CUSTOMERS; i++) {
                expect(connection, request("PUT", path(i), write, document(i)), 200);
            }
        }
        settle();
    }

    private static void expect(HttpConnection connection, byte[] request, int... expected) throws IOException {
        int status = connection.exchange(request);
        if (Arrays.stream(expected).noneMatch(s -> s == status)) {
            throw new IllegalStateException(new String(request, StandardCharsets.US_ASCII).lines().findFirst().orElse("")
                    + " answered " + status);
        }
    }

    /**
     * Waits (within a bound) until the outbox relay has published every change, so its work after a PUT phase
     * does not land on the next phase.
     */
    private void settle() throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = connectToDatabase()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = connection.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        System.out.println("(the outbox still held rows after 60 s)");
    }

    /** Whether a PUT's commit waits for its WAL to reach the disk: the server's setting, not the service's. */
    private String durability() throws SQLException {
        try (Connection connection = connectToDatabase()) {
            String synchronousCommit = setting(connection, "synchronous_commit");
            String fsync = setting(connection, "fsync");
            return "PostgreSQL: synchronous_commit=" + synchronousCommit + ", fsync=" + fsync
                    + ("on".equals(synchronousCommit) && "on".equals(fsync) ? ""
                    : " (this server does not wait for the disk at commit; a durable production server does)");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Connection connectToDatabase() throws SQLException {
        return DriverManager.getConnection(database.get("spring.datasource.url"),
                database.get("spring.datasource.username"), database.get("spring.datasource.password"));
    }

    private static String path(int i) {
        return "/api/v1/customers/bench-" + (i % CUSTOMERS) + "/preferences";
    }

    private static String document(int i) {
        return """
                {"locale": "fr-FR", "timeZone": "Europe/Paris",
                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                 "contactPoints": {"email": "camille%d@example.fr", "sms": "+33612345678",
                   "postal": {"recipient": "Camille Durand", "lines": ["12 rue des Lilas"],
                              "postalCode": "75011", "city": "Paris", "country": "FR"}},
                 "channelPriority": ["SMS", "EMAIL", "MAIL"],
                 "quietHours": [{"from": "21:00", "to": "08:00", "channels": ["SMS"]}],
                 "sendWindows": [{"days": ["SATURDAY", "SUNDAY"], "from": "10:00", "to": "12:00"}],
                 "topics": {"promotions": {"channels": ["EMAIL"], "frequency": {"max": %d, "per": "WEEK"}}},
                 "overallCap": {"max": 3, "per": "WEEK"}}
                """.formatted(i % CUSTOMERS, 1 + ThreadLocalRandom.current().nextInt(5));
    }

    private static byte[] request(String method, String path, String authorization, String body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /**
     * Sends at {@code rate} per second for {@code duration} over {@link #CONCURRENCY} kept-alive connections
     * (like wrk2): request i is due at start + i / rate, and its latency counts from then, so a server that
     * falls behind shows it in the percentiles instead of slowing the generator down (no coordinated omission).
     */
    private Phase fixedRate(IntFunction<byte[]> endpoint, int rate, Duration duration) throws Exception {
        long intervalNanos = 1_000_000_000L / rate;
        int count = (int) (duration.toSeconds() * rate);
        long[] latencies = new long[count];
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Meter meter = new Meter(service, postmaster);
        long start = System.nanoTime() + 10_000_000L;
        runClients(() -> {
            try (HttpConnection connection = new HttpConnection(port)) {
                for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!connection.tryExchange(endpoint.apply((int) i))) {
                        errors.incrementAndGet();
                    }
                    latencies[(int) i] = System.nanoTime() - due;
                }
            }
        });
        Arrays.sort(latencies);
        return meter.phase(latencies, count, errors.get());
    }

    /** Requests completed per second with {@link #CONCURRENCY} clients each sending as soon as the last answered. */
    private Phase saturate(IntFunction<byte[]> endpoint, Duration duration) throws Exception {
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        Meter meter = new Meter(service, postmaster);
        long end = System.nanoTime() + duration.toNanos();
        runClients(() -> {
            try (HttpConnection connection = new HttpConnection(port)) {
                while (System.nanoTime() < end) {
                    if (connection.tryExchange(endpoint.apply((int) sequence.getAndIncrement()))) {
                        completed.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                }
            }
        });
        return meter.phase(new long[0], completed.get(), errors.get());
    }

    private interface Client {
        void run() throws IOException;
    }

    private static void runClients(Client client) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONCURRENCY; c++) {
            Thread thread = new Thread(() -> {
                try {
                    client.run();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * The PostgreSQL server process (the parent of a backend), when it runs on this machine; its backends
     * and helpers are its children.
     */
    private ProcessHandle postmaster() throws SQLException {
        try (Connection connection = connectToDatabase();
             ResultSet rs = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
        }
    }

    /**
     * CPU from the start of a phase: of the service, of PostgreSQL (server and backends), of the forked Kafka
     * broker (the other child processes of this JVM), of this JVM, and of the whole machine.
     */
    private static final class Meter {
        private final Process service;
        private final ProcessHandle postmaster;
        private final long startNanos = System.nanoTime();
        private final long serviceCpu;
        private final long jitCpu;
        private final Map<Long, Long> postgresCpu;
        private final Map<Long, Long> kafkaCpu;
        private final long clientCpu = clientCpuNanos();
        private final long[] machine = machineTicks();

        Meter(Process service, ProcessHandle postmaster) {
            this.service = service;
            this.postmaster = postmaster;
            this.serviceCpu = cpuNanos(service.toHandle());
            this.jitCpu = jitCpuNanos(service.pid());
            this.postgresCpu = cpuByProcess(postgres());
            this.kafkaCpu = cpuByProcess(kafka());
        }

        Phase phase(long[] sortedLatencies, long requests, long errors) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            long[] now = machineTicks();
            double busy = now[1] - machine[1] == 0 ? Double.NaN
                    : 100.0 * (now[0] - machine[0]) / (double) (now[1] - machine[1]);
            double counted = Math.max(1, requests) * 1e6;
            return new Phase(sortedLatencies, errors, requests / seconds,
                    (cpuNanos(service.toHandle()) - serviceCpu) / counted,
                    (jitCpuNanos(service.pid()) - jitCpu) / counted,
                    postmaster == null ? Double.NaN : since(postgresCpu, postgres()) / counted,
                    kafkaCpu.isEmpty() ? Double.NaN : since(kafkaCpu, kafka()) / counted,
                    (clientCpuNanos() - clientCpu) / counted, busy);
        }

        private List<ProcessHandle> postgres() {
            if (postmaster == null) {
                return List.of();
            }
            List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
            all.add(postmaster);
            return all;
        }

        private List<ProcessHandle> kafka() {
            return ProcessHandle.current().children().filter(p -> p.pid() != service.pid())
                    .filter(p -> postmaster == null || p.pid() != postmaster.pid()).toList();
        }

        private static Map<Long, Long> cpuByProcess(List<ProcessHandle> processes) {
            Map<Long, Long> cpu = new HashMap<>();
            processes.forEach(p -> cpu.put(p.pid(), cpuNanos(p)));
            return cpu;
        }

        /** CPU used since {@code before}; a process started since counts from zero, one gone since is lost. */
        private static long since(Map<Long, Long> before, List<ProcessHandle> processes) {
            long used = 0;
            for (ProcessHandle p : processes) {
                used += cpuNanos(p) - before.getOrDefault(p.pid(), 0L);
            }
            return used;
        }

        /**
         * CPU of the JIT compiler threads of a JVM, from /proc/PID/task (zero where there is none): the
         * threads named "C1 CompilerThre…" and "C2 CompilerThre…", utime + stime in clock ticks of 10 ms.
         */
        static long jitCpuNanos(long pid) {
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            continue;
                        }
                        String stat = Files.readString(task.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended meanwhile
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return ticks * 10_000_000L;
        }

        private static long cpuNanos(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        private static long clientCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** Busy and total jiffies of all cores, from /proc/stat (zeros where there is none). */
        private static long[] machineTicks() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int f = 1; f < fields.length; f++) {
                    total += Long.parseLong(fields[f]);
                }
                long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }

    private record Phase(long[] sortedNanos, long errors, double rate, double serviceCpuMillisPerRequest,
                         double jitCpuMillisPerRequest, double postgresCpuMillisPerRequest, double kafkaCpuMillisPerRequest,
                         double clientCpuMillisPerRequest, double machineBusyPercent) {

        double totalCpu() {
            return serviceCpuMillisPerRequest + zeroIfUnknown(postgresCpuMillisPerRequest)
                    + zeroIfUnknown(kafkaCpuMillisPerRequest) + clientCpuMillisPerRequest;
        }

        private static double zeroIfUnknown(double value) {
            return Double.isNaN(value) ? 0 : value;
        }

        String cpu() {
            return String.format(Locale.ROOT, "%7.3f %7.3f %7.3f %7.3f %7.3f %7.0f%%", serviceCpuMillisPerRequest,
                    jitCpuMillisPerRequest, postgresCpuMillisPerRequest, kafkaCpuMillisPerRequest, clientCpuMillisPerRequest, machineBusyPercent);
        }

        double percentile(int p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }
    }
}
