package dev.kairos.compliance.bench;

import dev.kairos.compliance.ComplianceApplication;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.ConsentAction;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.RecordConsent;
import dev.kairos.compliance.ledger.ChainHead;
import dev.kairos.compliance.ledger.LedgerVerification;
import dev.kairos.ledger.verifier.LedgerAudit.Report;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntries;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.platform.outbox.OutboxRelay;
import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints the compliance figures of issue 4 against a real PostgreSQL (embedded unless KAIROS_DB_URL names
 * one) and a real broker: consent events recorded per second, one per transaction as every consent change
 * is, and ledger appends alone in batches; then, on a ledger of {@code kairos.bench.entries} entries
 * (default 1,000,000), the time to verify the chain and the time and peak heap of exporting it as JSON and
 * CSV over HTTP. Run it with {@code -Xmx256m} (bench/compliance.sh does) so an export that held the range
 * in memory would fail instead of passing slowly. The batched ledger phase appends {@code kairos.bench.batched}
 * entries (default 200,000), long enough for a sustained rate. Each phase also prints what PostgreSQL did
 * (commits, WAL, top statements where pg_stat_statements is loaded) and floors measured in the same run, since
 * the machine it runs on may be shared.
 */
public final class ComplianceBench {

    private static final int SINGLE = Integer.getInteger("kairos.bench.single", 3_000);
    private static final int BATCHED = Integer.getInteger("kairos.bench.batched", 200_000);
    private static final int BATCH = Integer.getInteger("kairos.bench.batch", 500);
    private static final int ENTRIES = Integer.getInteger("kairos.bench.entries", 1_000_000);
    private static final int LOAD_BATCH = 5_000;
    private static final Instant COLLECTED = Instant.parse("2026-11-01T10:00:00Z");

    private ComplianceBench() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase("compliance_bench");
        String kafka = TestInfrastructure.kafka().bootstrapServers();
        // As command-line arguments, which outrank application.yml (default properties would not).
        Map<String, String> properties = Map.of(
                        // The driver settings are the service's own (application.yml); extra ones only when asked.
                        "spring.datasource.url", postgres.jdbcUrl(database) + System.getProperty("kairos.bench.jdbc-options", ""),
                        "spring.datasource.username", postgres.username(),
                        "spring.datasource.password", postgres.password(),
                        "spring.kafka.bootstrap-servers", kafka,
                        "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                        "server.port", "0",
                        "kairos.compliance.expiry-interval", "PT1H",
                        "logging.level.root", "WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ComplianceApplication.class)
                .run(ServiceTestProperties.withSecurity(
                        properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new)));
        try {
            run(context);
        } finally {
            context.close();
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context) throws Exception {
        ConsentService consents = context.getBean(ConsentService.class);
        Ledger ledger = context.getBean(Ledger.class);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        OutboxRelay relay = context.getBean(OutboxRelay.class);
        System.out.printf(Locale.ROOT, "compliance bench: %d cores, max heap %d MB, Java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), loadAverage());

        // Warm-up: the JIT and the connection pool, not measured.
        for (int i = 0; i < 500; i++) {
            consents.apply(grant("warm-" + i).change());
        }

        Database database = new Database(context.getBean(JdbcTemplate.class));
        System.out.printf(Locale.ROOT, "postgresql: fsync=%s, synchronous_commit=%s, pg_stat_statements %s%n",
                database.setting("fsync"), database.setting("synchronous_commit"),
                database.statements ? "on" : "not loaded (shared_preload_libraries): no per-statement times");
        drain(relay);
        database.reset();
        long start = System.nanoTime();
        for (int i = 0; i < SINGLE; i++) {
            consents.apply(grant("single-" + i).change());
        }
        double singleSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "record one event per transaction (every path):%,d events in %.2f s = %,.0f appends/s (no target); load average %s%n",
                SINGLE, singleSeconds, SINGLE / singleSeconds, loadAverage());

        database.report("  one per transaction");
        roundTrips(context, 1_000);
        // The same again without the relay's Kafka transaction per commit (it publishes the backlog afterwards):
        // how much of the per-event cost is the broker and the relay rather than the ledger.
        relay.stop();
        start = System.nanoTime();
        for (int i = 0; i < SINGLE; i++) {
            consents.apply(grant("single-paused-" + i).change());
        }
        double pausedSeconds = seconds(start);
        relay.start();
        System.out.printf(Locale.ROOT, "  the same with the outbox relay paused:        %,d events in %.2f s = %,.0f appends/s; load average %s%n",
                SINGLE, pausedSeconds, SINGLE / pausedSeconds, loadAverage());

        drain(relay);
        database.reset();
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        start = System.nanoTime();
        for (int done = 0; done < BATCHED; done += BATCH) {
            int from = done;
            transactions.executeWithoutResult(status -> ledger.appendAll(IntStream.range(from, Math.min(from + BATCH, BATCHED))
                    .mapToObj(i -> entry("ledger-" + i)).toList()));
        }
        double ledgerSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "ledger appends alone, %d per transaction:     %,d entries in %.2f s = %,.0f appends/s  (target >= 5,000: %s); load average %s%n",
                BATCH, BATCHED, ledgerSeconds, BATCHED / ledgerSeconds, BATCHED / ledgerSeconds >= 5_000 ? "met" : "NOT met",
                loadAverage());
        database.report("  ledger alone");
        floor(context, BATCHED, BATCH);
        start = System.nanoTime();
        drain(relay);
        System.out.printf(Locale.ROOT, "  and published to Kafka by the outbox relay %.2f s later; load average %s%n",
                seconds(start), loadAverage());

        fillLedger(context, ENTRIES);
        profileVerification(context);

        start = System.nanoTime();
        Report verification = context.getBean(LedgerVerification.class).verify();
        double verifySeconds = seconds(start);
        System.out.printf(Locale.ROOT, "verify the chain:  %,d entries in %.2f s, valid=%s  (target <= 10 s for 1,000,000: %s); load average %s%n",
                verification.entriesChecked(), verifySeconds, verification.valid(),
                verification.entriesChecked() < 1_000_000 ? "not measured, fewer entries"
                        : verifySeconds <= 10 && verification.valid() ? "met" : "NOT met", loadAverage());

        export(port, "application/json");
        export(port, "text/csv");
    }

    /** Where verification time goes: reading the rows, and hashing them. */
    private static void profileVerification(ConfigurableApplicationContext context) {
        LedgerEntries entries = context.getBean(LedgerEntries.class);
        TransactionTemplate readOnly = new TransactionTemplate(context.getBean(TransactionTemplate.class).getTransactionManager());
        readOnly.setReadOnly(true);
        long[] rows = {0};
        dev.kairos.compliance.ledger.LedgerEntry[] last = {null};
        long start = System.nanoTime();
        readOnly.executeWithoutResult(status -> entries.forEachInOrder(entry -> {
            rows[0]++;
            last[0] = entry;
            return true;
        }));
        double readSeconds = seconds(start);
        start = System.nanoTime();
        boolean intact = true;
        for (long i = 0; i < rows[0]; i++) {
            intact &= last[0].isIntact();
        }
        double hashSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "  profile: reading %,d rows %.2f s; hashing as many entries %.2f s (intact=%s)%n",
                rows[0], readSeconds, hashSeconds, intact);
    }

    /** Tops the ledger up to {@code total} entries through the ledger's own batched insert, without the outbox. */
    private static void fillLedger(ConfigurableApplicationContext context, int total) {
        LedgerEntries entries = context.getBean(LedgerEntries.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        Evidence evidence = new Evidence("WEB_FORM", "bench", "Yes, send me offers.", "1", "203.0.113.7", "bench")
                .recordedFor(new Evidence.RecordContext("Bench controller", null, null, null));
        long start = System.nanoTime();
        long added = 0;
        while (true) {
            long count = transactions.execute(status -> {
                ChainHead head = entries.lockHead();
                int n = (int) Math.min(LOAD_BATCH, total - head.sequence());
                if (n <= 0) {
                    return 0L;
                }
                List<ChainHead.Appended> batch = new ArrayList<>(n);
                Instant now = Instant.now();
                for (int i = 0; i < n; i++) {
                    long sequence = head.sequence() + 1;
                    ChainHead.Appended next = head.append(new NewEntry("load-" + sequence, EntryType.GRANTED, Channel.EMAIL,
                                    "promotions", LegalBasis.OPT_IN, "FR", "WEB_FORM", COLLECTED, null,
                                    "load-" + sequence + "@example.com", evidence),
                            UUID.randomUUID(), new byte[32], now);
                    batch.add(next);
                    head = new ChainHead(next.entry().sequence(), next.entry().hash());
                }
                entries.addAll(batch);
                return (long) n;
            });
            if (count == 0) {
                break;
            }
            added += count;
        }
        double loadSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "load (bench set-up, no outbox): %,d entries in %.1f s = %,.0f entries/s%n",
                added, loadSeconds, added / Math.max(loadSeconds, 1e-9));
    }

    /** Reads the whole export over HTTP, counting bytes, and reports the time and the JVM's peak heap meanwhile. */
    private static void export(int port, String accept) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/ledger"))
                .header("Accept", accept)
                .header("Authorization", "Bearer " + TestTokens.bearer("audit:read"))
                .timeout(Duration.ofMinutes(10))
                .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                bytes += read;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double exportSeconds = seconds(start);
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "export %-16s status %d, %,d MB%s in %.2f s, peak heap (sum of pool peaks, client and server in this JVM) %d MB  (target <= 256 MB: %s)%n",
                accept, response.statusCode(), bytes >> 20,
                accept.equals("text/csv") ? String.format(Locale.ROOT, " (%,d lines)", lines) : "", exportSeconds, peak >> 20,
                response.statusCode() == 200 && peak <= 256L << 20 ? "met" : "NOT met");
    }

    /**
     * The floor under the consumer path on this machine, at this load: the same number of ledger rows sent
     * as one multi-row INSERT per transaction of {@code batch}, into a table without indexes, constraints or
     * triggers, and with no hashing, outbox or consents. The consumer path cannot be faster than this.
     */
    private static void floor(ConfigurableApplicationContext context, int rows, int batch) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_floor (LIKE consent_ledger)");
        String hash = "0".repeat(64);
        String values = String.join(",", java.util.Collections.nCopies(batch,
                "(?, ?, ?, 'GRANTED', 'EMAIL', 'promotions', 'OPT_IN', 'FR', 'WEB_FORM', ?, ?, NULL, ?, ?, ?, ?)"));
        String sql = "INSERT INTO bench_floor (sequence, entry_id, customer_id, type, channel, purpose, basis, jurisdiction,"
                + " source, occurred_at, recorded_at, expires_at, address_commitment, evidence_commitment, previous_hash, hash)"
                + " VALUES " + values;
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        long start = System.nanoTime();
        for (int done = 0; done < rows; done += batch) {
            int from = done;
            transactions.executeWithoutResult(status -> jdbc.update(sql, ps -> {
                int p = 1;
                for (int i = from; i < from + batch; i++) {
                    ps.setLong(p++, i);
                    ps.setObject(p++, UUID.randomUUID());
                    ps.setString(p++, "floor-" + i);
                    ps.setObject(p++, now);
                    ps.setObject(p++, now);
                    ps.setString(p++, hash);
                    ps.setString(p++, hash);
                    ps.setString(p++, hash);
                    ps.setString(p++, hash);
                }
            }));
        }
        double floorSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "  floor: plain %d-row INSERTs of as many ledger rows, no index:  %,d rows in %.2f s = %,.0f rows/s; load average %s%n",
                batch, rows, floorSeconds, rows / floorSeconds, loadAverage());
        jdbc.execute("DROP TABLE bench_floor");
    }

    /**
     * What one event per transaction pays besides the statements themselves, on this machine at this load:
     * a round trip to PostgreSQL, and a transaction of one small insert and its commit (with the server's
     * fsync and synchronous_commit settings printed above).
     */
    private static void roundTrips(ConfigurableApplicationContext context, int count) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            jdbc.queryForObject("SELECT 1", Integer.class);
        }
        double roundTrip = seconds(start) / count;
        jdbc.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGINT)");
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long id = i;
            transactions.executeWithoutResult(status -> jdbc.update("INSERT INTO bench_commit VALUES (?)", id));
        }
        double commit = seconds(start) / count;
        jdbc.execute("DROP TABLE bench_commit");
        System.out.printf(Locale.ROOT, "  floor: a round trip (SELECT 1) %.2f ms; a transaction of one insert and its commit %.2f ms; load average %s%n",
                roundTrip * 1e3, commit * 1e3, loadAverage());
    }

    /**
     * What PostgreSQL did during a phase: transactions, WAL written and flushed, and where statement time went
     * when pg_stat_statements is loaded (an external server started with it; the embedded one is not).
     */
    private static final class Database {

        private final JdbcTemplate jdbc;
        private final boolean statements;
        private Map<String, Object> before;

        Database(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            boolean loaded;
            try {
                jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                jdbc.queryForList("SELECT 1 FROM pg_stat_statements LIMIT 1");
                loaded = true;
            } catch (RuntimeException notPreloaded) {
                loaded = false;
            }
            this.statements = loaded;
        }

        String setting(String name) {
            return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
        }

        void reset() {
            if (statements) {
                jdbc.execute("SELECT pg_stat_statements_reset()");
            }
            before = counters();
        }

        private Map<String, Object> counters() {
            return jdbc.queryForMap("SELECT d.xact_commit AS commits, w.wal_records, w.wal_bytes, w.wal_sync"
                    + " FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()");
        }

        void report(String phase) {
            Map<String, Object> after = counters();
            System.out.printf(Locale.ROOT, "%s: postgresql %,d commits, %,d WAL records, %,d MB WAL, %,d WAL syncs%n", phase,
                    delta(after, "commits"), delta(after, "wal_records"), delta(after, "wal_bytes") >> 20, delta(after, "wal_sync"));
            if (!statements) {
                return;
            }
            List<Map<String, Object>> top = jdbc.queryForList("""
                    SELECT calls, rows, total_exec_time AS ms,
                           100 * total_exec_time / sum(total_exec_time) OVER () AS share,
                           left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
                    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                    ORDER BY total_exec_time DESC LIMIT 12""");
            for (Map<String, Object> row : top) {
                System.out.printf(Locale.ROOT, "    %5.1f%% %9.0f ms %8d calls %9d rows  %s%n", ((Number) row.get("share")).doubleValue(),
                        ((Number) row.get("ms")).doubleValue(), ((Number) row.get("calls")).longValue(),
                        ((Number) row.get("rows")).longValue(), row.get("query"));
            }
        }

        private long delta(Map<String, Object> after, String key) {
            return ((Number) after.get(key)).longValue() - ((Number) before.get(key)).longValue();
        }
    }

    private static RecordConsent grant(String customerId) {
        return new RecordConsent(customerId, Channel.EMAIL, "promotions", ConsentAction.GRANT,
                customerId + "@example.com", "FR", LegalBasis.OPT_IN, false, COLLECTED,
                new Evidence("WEB_FORM", "bench", "Yes, send me offers.", "1", "203.0.113.7", "bench"));
    }

    private static NewEntry entry(String customerId) {
        return new NewEntry(customerId, EntryType.GRANTED, Channel.EMAIL, "promotions", LegalBasis.OPT_IN, "FR", "WEB_FORM",
                COLLECTED, null, customerId + "@example.com",
                new Evidence("WEB_FORM", "bench", "Yes, send me offers.", "1", "203.0.113.7", "bench"));
    }

    /** Waits until the outbox relay has published everything, so that a phase does not pay for the last. */
    private static void drain(OutboxRelay relay) {
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> relay.pending() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // As before: the phase goes on after 5 minutes; its figures then include the rows still pending.
        }
    }

    /** The 1, 5 and 15 minute load averages: the machine is shared, and the figures move with them. */
    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
