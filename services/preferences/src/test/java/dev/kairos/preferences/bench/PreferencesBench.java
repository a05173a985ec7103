package dev.kairos.preferences.bench;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.preferences.PreferencesApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures GET and PUT preferences beside a trivial endpoint of the same service (liveness), in one run,
 * on a real PostgreSQL and Kafka (those of {@code dev.kairos.platform.testing}: external ones when
 * {@code KAIROS_DB_URL} / {@code KAFKA_BOOTSTRAP_SERVERS} are set). For each endpoint: latency at a fixed
 * rate (open model: latency counts from when a request was due, so a stall is not hidden), then
 * throughput at saturation with a fixed number of concurrent clients. Run by {@code bench/preferences.sh}.
 */
public final class PreferencesBench {

    private static final int RATE = Integer.getInteger("bench.rate", 1_000);
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
    private static final int CUSTOMERS = 1_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();
    private final String base;
    private final String read = "Bearer " + TestTokens.bearer("preferences:read");
    private final String write = "Bearer " + TestTokens.bearer("preferences:write");

    private PreferencesBench(int port) {
        this.base = "http://localhost:" + port;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        ServiceTestProperties.register((name, value) -> properties.put(name, value.get()), "preferences_bench");
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        // As command-line arguments, so they override application.yml like the tests' dynamic properties do.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = SpringApplication.run(PreferencesApplication.class, arguments)) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            new PreferencesBench(port).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        prepare();
        Map<String, IntFunction<HttpRequest>> endpoints = new LinkedHashMap<>();
        endpoints.put("trivial (GET /actuator/health/liveness)", i -> HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build());
        endpoints.put("GET preferences", i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/bench-" + (i % CUSTOMERS) + "/preferences"))
                .header("Authorization", read).GET().build());
        endpoints.put("PUT preferences", i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/bench-" + (i % CUSTOMERS) + "/preferences"))
                .header("Authorization", write).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(document(i))).build());

        System.out.println("Warming up (" + PHASE.toSeconds() + " s per endpoint)...");
        for (IntFunction<HttpRequest> endpoint : endpoints.values()) {
            saturate(endpoint, PHASE);
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, IntFunction<HttpRequest>> endpoint : endpoints.entrySet()) {
            Latencies fixed = fixedRate(endpoint.getValue(), RATE, PHASE);
            double saturation = saturate(endpoint.getValue(), PHASE);
            results.put(endpoint.getKey(), new Result(fixed, saturation));
        }
        Result trivial = results.values().iterator().next();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-42s %10s %9s %9s %9s %8s %14s %8s %10s%n", "endpoint @ " + RATE + " req/s",
                "achieved/s", "p50 ms", "p99 ms", "max ms", "errors", "saturation/s", "p99 x", "sat. x");
        for (Map.Entry<String, Result> entry : results.entrySet()) {
            Result r = entry.getValue();
            System.out.printf(Locale.ROOT, "%-42s %10.0f %9.2f %9.2f %9.2f %8d %14.0f %8.2f %10.2f%n", entry.getKey(),
                    r.fixed.achievedRate, r.fixed.percentile(50), r.fixed.percentile(99), r.fixed.percentile(100),
                    r.fixed.errors, r.saturation, r.fixed.percentile(99) / trivial.fixed.percentile(99),
                    r.saturation / trivial.saturation);
        }
        Result get = results.get("GET preferences");
        System.out.println();
        System.out.printf(Locale.ROOT, "Target GET p99 <= 10 ms: %.2f ms -> %s%n", get.fixed.percentile(99),
                get.fixed.percentile(99) <= 10 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "Target GET saturation >= 0.5 x trivial: %.2f x -> %s%n",
                get.saturation / trivial.saturation, get.saturation / trivial.saturation >= 0.5 ? "met" : "NOT met");
        Result put = results.get("PUT preferences");
        System.out.printf(Locale.ROOT, "Target PUT saturation >= 0.5 x trivial: %.2f x -> %s%n",
                put.saturation / trivial.saturation, put.saturation / trivial.saturation >= 0.5 ? "met" : "NOT met");
    }

    private record Result(Latencies fixed, double saturation) {
    }

    /** One topic and a preferences document for each customer, so every GET finds one. */
    private void prepare() throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/topics/promotions")).header("Authorization", write)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Promotions\", \"category\": \"MARKETING\", \"defaultChannels\": [\"EMAIL\"]}"))
                .build(), 200, 201);
        for (int i = 0; i < CUSTOMERS; i++) {
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/bench-" + i + "/preferences"))
                    .header("Authorization", write).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(document(i))).build(), 200);
        }
    }

    private void send(HttpRequest request, int... expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
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
                """.formatted(i, 1 + ThreadLocalRandom.current().nextInt(5));
    }

    /**
     * Sends at {@code rate} per second for {@code duration} over {@link #CONCURRENCY} kept-alive connections
     * (like wrk2): request i is due at start + i / rate, and its latency counts from then, so a server that
     * falls behind shows it in the percentiles instead of slowing the generator down.
     */
    private Latencies fixedRate(IntFunction<HttpRequest> endpoint, int rate, Duration duration) throws Exception {
        long intervalNanos = 1_000_000_000L / rate;
        long count = duration.toSeconds() * rate;
        long[] latencies = new long[(int) count];
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 10_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONCURRENCY; c++) {
            Thread client = new Thread(() -> {
                for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        HttpResponse<Void> response = http.send(endpoint.apply((int) i), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() >= 300) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[(int) i] = System.nanoTime() - due;
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Latencies(latencies, errors.get(), count / seconds);
    }

    /** Requests completed per second with {@link #CONCURRENCY} clients each sending as soon as the last answered. */
    private double saturate(IntFunction<HttpRequest> endpoint, Duration duration) throws Exception {
        AtomicLong completed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONCURRENCY; c++) {
            Thread client = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<Void> response = http.send(endpoint.apply((int) sequence.getAndIncrement()),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() < 300) {
                            completed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // a failed request does not count as throughput
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        return completed.get() / (double) duration.toSeconds();
    }

    private record Latencies(long[] sortedNanos, long errors, double achievedRate) {

        double percentile(int p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }
    }
}
