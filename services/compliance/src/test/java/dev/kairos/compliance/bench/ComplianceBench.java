package dev.kairos.compliance.bench;

import dev.kairos.compliance.ComplianceApplication;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.ConsentAction;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.RecordConsent;
import dev.kairos.compliance.ledger.ChainHead;
import dev.kairos.compliance.ledger.ChainVerification.Verification;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntries;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.platform.outbox.OutboxRelay;
import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prints the compliance figures of issue 4 against a real PostgreSQL (embedded unless KAIROS_DB_URL names
 * one) and a real broker: consent events recorded per second, one per transaction as the REST API does and
 * batched as a consumer of submissions does; then, on a ledger of {@code kairos.bench.entries} entries
 * (default 1,000,000), the time to verify the chain and the time and peak heap of exporting it as JSON and
 * CSV over HTTP. Run it with {@code -Xmx256m} (bench/compliance.sh does) so an export that held the range
 * in memory would fail instead of passing slowly.
 */
public final class ComplianceBench {

    private static final int SINGLE = Integer.getInteger("kairos.bench.single", 3_000);
    private static final int BATCHED = Integer.getInteger("kairos.bench.batched", 50_000);
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
                        // Batched inserts travel as multi-row INSERTs instead of one statement per row.
                        "spring.datasource.url", postgres.jdbcUrl(database) + (postgres.jdbcUrl(database).contains("?") ? "&" : "?")
                                + "reWriteBatchedInserts=true" + System.getProperty("kairos.bench.jdbc-options", ""),
                        "spring.datasource.username", postgres.username(),
                        "spring.datasource.password", postgres.password(),
                        "spring.kafka.bootstrap-servers", kafka,
                        "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                        "server.port", "0",
                        "kairos.compliance.expiry-interval", "PT1H",
                        "logging.level.root", "WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ComplianceApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
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
            consents.record(grant("warm-" + i));
        }
        consents.recordAll(IntStream.range(0, 2_000).mapToObj(i -> grant("warm-b-" + i)).toList());

        drain(relay);
        long start = System.nanoTime();
        for (int i = 0; i < SINGLE; i++) {
            consents.record(grant("single-" + i));
        }
        double singleSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "record one event per transaction (REST path):  %,d events in %.2f s = %,.0f appends/s%n",
                SINGLE, singleSeconds, SINGLE / singleSeconds);

        drain(relay);
        start = System.nanoTime();
        for (int done = 0; done < BATCHED; done += BATCH) {
            int from = done;
            consents.recordAll(IntStream.range(from, Math.min(from + BATCH, BATCHED))
                    .mapToObj(i -> grant("batched-" + i)).toList());
        }
        double batchedSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "record %d events per transaction (consumer):   %,d events in %.2f s = %,.0f appends/s  (target >= 5,000)%n",
                BATCH, BATCHED, batchedSeconds, BATCHED / batchedSeconds);

        drain(relay);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        start = System.nanoTime();
        for (int done = 0; done < BATCHED; done += BATCH) {
            int from = done;
            transactions.executeWithoutResult(status -> ledger.appendAll(IntStream.range(from, Math.min(from + BATCH, BATCHED))
                    .mapToObj(i -> entry("ledger-" + i)).toList()));
        }
        double ledgerSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "ledger appends alone, %d per transaction:     %,d entries in %.2f s = %,.0f appends/s  (target >= 5,000)%n",
                BATCH, BATCHED, ledgerSeconds, BATCHED / ledgerSeconds);
        start = System.nanoTime();
        drain(relay);
        System.out.printf(Locale.ROOT, "  and published to Kafka by the outbox relay %.2f s later; load average %s%n",
                seconds(start), loadAverage());

        fillLedger(context, ENTRIES);
        profileVerification(context);

        start = System.nanoTime();
        Verification verification = ledger.verify();
        double verifySeconds = seconds(start);
        System.out.printf(Locale.ROOT, "verify the chain:  %,d entries in %.2f s, valid=%s  (target <= 10 s for 1,000,000)%n",
                verification.entriesChecked(), verifySeconds, verification.valid());

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
                .withController("Bench controller");
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
        System.out.printf(Locale.ROOT, "export %-16s status %d, %,d MB%s in %.2f s, peak heap (sum of pool peaks, client and server in this JVM) %d MB  (target <= 256 MB)%n",
                accept, response.statusCode(), bytes >> 20,
                accept.equals("text/csv") ? String.format(Locale.ROOT, " (%,d lines)", lines) : "", exportSeconds, peak >> 20);
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
    private static void drain(OutboxRelay relay) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (relay.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
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
