package dev.kairos.dispatch;

import dev.kairos.platform.testing.KafkaCluster;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Benchmark of the decision path: N customers (100,000 by default) seeded with preferences and an email opt-in
 * through the real topics, then M marketing email requests (1,000,000 by default) put on the requests inbox and
 * decided by dispatch's decision topology as the service builds it (exactly once, channel ends off), and, in the
 * same run on the same broker, a Kafka Streams exactly-once pass-through over records of the same size and keys.
 * Each phase is warmed up first. Prints decisions per second and the ratio to the pass-through, the decision
 * latency (from a request's production to its send's commit on the send queue, as a read-committed reader sees
 * it: queueing behind the backlog included), the memory of the process, and writes a JSON result and a PNG
 * chart. With {@code --service-probe}, SERVICE requests are posted to the REST API at 10 per second while the
 * campaign drains, and their latency from acceptance to their send on the priority lane's send queue is reported.
 * Run with {@code bench/dispatch-decisions.sh [requests] [customers] [--service-probe]}.
 */
public final class DecisionBench {

    private static final Duration PATIENCE = BenchSupport.patience("PT30M");
    private static final String CAMPAIGN_TOPIC = "bench-offers";
    private static final String SERVICE_TOPIC = "bench-password-reset";
    private static final int PROBES_PER_SECOND = 10;
    private static final AvroSerde<SendMessage> REQUESTS = KairosSerdes.sendMessage();

    private final KafkaCluster kafka;
    private final ConfigurableApplicationContext app;
    private final TopicsProperties topics;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final int customers;

    private DecisionBench(KafkaCluster kafka, ConfigurableApplicationContext app, int customers) {
        this.kafka = kafka;
        this.app = app;
        this.topics = app.getBean(TopicsProperties.class);
        this.customers = customers;
    }

    public static void main(String[] args) throws Exception {
        List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int requests = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 1_000_000;
        int customers = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 100_000;
        boolean probe = Arrays.asList(args).contains("--service-probe");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kairos.channels.mode", "off");
        settings.put("kairos.dispatch.state-dir", Files.createTempDirectory("kairos-bench-state").toString());
        // Any other --name=value is a setting of dispatch, e.g. --kairos.dispatch.stream-threads=1.
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> settings.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        KafkaCluster kafka = TestInfrastructure.kafka();
        ConfigurableApplicationContext app = BenchSupport.dispatch(kafka, settings);
        try {
            new DecisionBench(kafka, app, customers).run(requests, probe);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private void run(int requests, boolean probe) throws Exception {
        seed();
        int warm = Math.max(1, Math.min(100_000, requests / 10));
        String sendQueue = topics.name("send-email");
        Probe probes = probe ? new Probe() : null;
        measure("decision warm-up", topics.name("requests"), sendQueue, warm, i -> request("warm-" + i, i));
        if (probes != null) {
            probes.measureFromNow();
        }
        Phase decisions = measure("decisions", topics.name("requests"), sendQueue, requests, i -> request("r-" + i, i));
        Probe.Result probed = probe ? probes.finish() : null;
        Memory memory = Memory.now(app.getBean(MeterRegistry.class), app.getEnvironment().getRequiredProperty(
                "kairos.dispatch.rocksdb.block-cache-bytes", Long.class));

        Phase passThrough;
        try (PassThrough yardstick = new PassThrough(kafka, run, topics.getPartitions(),
                Runtime.getRuntime().availableProcessors(), 100)) {
            measure("pass-through warm-up", yardstick.input, yardstick.output, warm, i -> request("pass-warm-" + i, i));
            passThrough = measure("pass-through", yardstick.input, yardstick.output, requests, i -> request("pass-" + i, i));
        }
        double ratio = decisions.perSecond() / passThrough.perSecond();
        System.out.printf("[bench] %,d requests over %,d customers: %,.0f decisions per second (%.1f s); "
                        + "pass-through %,.0f records per second (%.1f s); ratio %.2f%n", requests, customers,
                decisions.perSecond(), decisions.seconds(), passThrough.perSecond(), passThrough.seconds(), ratio);
        double decisionCpu = decisions.cpuMillisPerThousand() + decisions.brokerCpuMillisPerThousand();
        double passThroughCpu = passThrough.cpuMillisPerThousand() + passThrough.brokerCpuMillisPerThousand();
        System.out.printf("[bench] CPU per 1,000 records (this JVM and the broker): decisions %.0f ms, pass-through "
                + "%.0f ms: a decision costs %.1f times the CPU of a record passed through%n", decisionCpu,
                passThroughCpu, decisionCpu / passThroughCpu);
        System.out.printf("[bench] decision latency (request produced -> send committed on the send queue): "
                + "p50 %,d ms, p99 %,d ms; pass-through p50 %,d ms, p99 %,d ms%n", decisions.p50(), decisions.p99(),
                passThrough.p50(), passThrough.p99());
        System.out.printf("[bench] memory after the decisions: heap used %,d MB of %,d MB committed; RSS %,d MB "
                        + "(peak %,d MB); RocksDB block cache (memtables included) %,d MB of %,d MB%n",
                memory.heapUsed() >> 20, memory.heapCommitted() >> 20, memory.rss() >> 20, memory.peakRss() >> 20,
                memory.rocksDbCacheUsage() >> 20, memory.rocksDbCacheCapacity() >> 20);
        if (probed != null) {
            System.out.printf("[bench] SERVICE probe (REST accept -> send committed on the priority lane's send "
                            + "queue) while the campaign drained: %d sent, p50 %,d ms, p99 %,d ms, max %,d ms%n",
                    probed.sent(), probed.p50(), probed.p99(), probed.max());
        }
        write(requests, decisions, passThrough, ratio, memory, probed);
    }

    /** The catalogue, then each customer's preferences and consents, and waits until both lanes have read them. */
    private void seed() throws Exception {
        Instant start = Instant.now();
        try (KafkaProducer<String, byte[]> producer = BenchSupport.producer(kafka)) {
            var catalogue = KairosSerdes.topicCatalogueEntry();
            producer.send(new ProducerRecord<>(topics.name("topics"), CAMPAIGN_TOPIC,
                    catalogue.encode(BenchSupport.topic(CAMPAIGN_TOPIC, TopicCategory.MARKETING, false))));
            producer.send(new ProducerRecord<>(topics.name("topics"), SERVICE_TOPIC,
                    catalogue.encode(BenchSupport.topic(SERVICE_TOPIC, TopicCategory.SERVICE, true))));
            var preferences = KairosSerdes.contactPreferences();
            var consents = KairosSerdes.consentState();
            for (int c = 0; c < customers; c++) {
                String customer = customer(c);
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                        preferences.encode(BenchSupport.preferences(customer))));
                producer.send(new ProducerRecord<>(topics.name("consents"), customer,
                        consents.encode(BenchSupport.emailConsent(customer, CAMPAIGN_TOPIC))));
            }
        }
        String ordinary = app.getEnvironment().getRequiredProperty("kairos.dispatch.application-id");
        String priority = app.getEnvironment().getRequiredProperty("kairos.dispatch.priority-application-id");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Set<String> seeded = Set.of(topics.name("contact-preferences"), topics.name("consents"));
            BenchSupport.await("customers read by both lanes", () -> Math.min(read(admin, ordinary, seeded),
                    read(admin, priority, seeded)), 1, start, PATIENCE);
        }
        System.out.printf("[bench] %,d customers seeded (preferences and email consents) and read by both lanes "
                + "in %d s%n", customers, Duration.between(start, Instant.now()).toSeconds());
    }

    /** 1 when the group has committed the end of every partition of these topics, else 0. */
    private static double read(Admin admin, String group, Set<String> seededTopics) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(seededTopics).allTopicNames().get().forEach((name, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            var endOffsets = admin.listOffsets(ends).all().get();
            return endOffsets.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                    && committed.get(end.getKey()).offset() >= end.getValue().offset()) ? 1 : 0;
        } catch (Exception notYet) {
            return 0;
        }
    }

    private String customer(int c) {
        return "bench-" + run + "-" + c;
    }

    /** The i-th request: customer i modulo the customers, so each customer gets requests/customers of them. */
    private ProducerRecord<String, byte[]> request(String id, int i) {
        String customer = customer(i % customers);
        return new ProducerRecord<>("", customer, REQUESTS.encode(SendMessage.newBuilder()
                .setRequestId("bench-" + run + "-" + id).setCustomerId(customer).setTopic(CAMPAIGN_TOPIC)
                .setCampaignId("bench-" + run)
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Nos offres de décembre")
                        .setText("Bonjour {{firstName}}, découvrez nos offres de décembre.").build()))
                .build()));
    }

    /** Puts {@code count} records on {@code input} and waits until {@code count} more are visible on {@code output}. */
    private Phase measure(String name, String input, String output, int count,
                          IntFunction<ProducerRecord<String, byte[]>> records) throws Exception {
        try (Arrivals arrivals = new Arrivals(kafka, output, count)) {
            CpuTime cpuBefore = CpuTime.now();
            Instant start = Instant.now();
            arrivals.restartClock();
            try (KafkaProducer<String, byte[]> producer = BenchSupport.producer(kafka)) {
                for (int i = 0; i < count; i++) {
                    ProducerRecord<String, byte[]> record = records.apply(i);
                    producer.send(new ProducerRecord<>(input, record.key(), record.value()));
                }
            }
            Duration produced = Duration.between(start, Instant.now());
            BenchSupport.await(name, arrivals::count, count, start, PATIENCE);
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            CpuTime cpu = CpuTime.now().minus(cpuBefore);
            Phase phase = new Phase(count, seconds, count / seconds, arrivals.quantile(0.5), arrivals.quantile(0.99),
                    1000.0 * cpu.benchMillis() / count, 1000.0 * cpu.brokerMillis() / count, arrivals.perSecond());
            System.out.printf("[bench] %s: %,d in %.1f s (%,.0f per second; produced in %.1f s); latency p50 %,d ms, "
                            + "p99 %,d ms; CPU per 1,000: %.0f ms in this JVM, %.0f ms in the broker%n", name, count,
                    seconds, phase.perSecond(), produced.toMillis() / 1000.0, phase.p50(), phase.p99(),
                    phase.cpuMillisPerThousand(), phase.brokerCpuMillisPerThousand());
            return phase;
        }
    }

    private void write(int requests, Phase decisions, Phase passThrough, double ratio, Memory memory,
                       Probe.Result probed) throws IOException {
        Path folder = Path.of(System.getenv().getOrDefault("BENCH_RESULTS", "target/bench-results"));
        Files.createDirectories(folder);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        ObjectMapper json = new ObjectMapper();
        ObjectNode result = json.createObjectNode();
        result.put("bench", "dispatch-decisions").put("at", Instant.now().toString()).put("requests", requests)
                .put("customers", customers).put("processors", Runtime.getRuntime().availableProcessors())
                .put("streamThreads", app.getEnvironment().getProperty("kairos.dispatch.stream-threads",
                        "default"))
                .put("partitions", topics.getPartitions()).put("ratioToPassThrough", ratio);
        result.set("decisions", decisions.json(json));
        result.set("passThrough", passThrough.json(json));
        result.set("memory", json.valueToTree(memory));
        if (probed != null) {
            result.set("serviceProbe", json.valueToTree(probed));
        }
        Path file = folder.resolve("dispatch-decisions-" + stamp + ".json");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        Path chart = folder.resolve("dispatch-decisions-" + stamp + ".png");
        new RateChart(String.format("dispatch: %,d requests over %,d customers", requests, customers))
                .add("decisions (sends committed)", decisions.series())
                .add("Kafka Streams pass-through", passThrough.series()).write(chart);
        System.out.printf("[bench] wrote %s and %s%n", file.toAbsolutePath().normalize(), chart.toAbsolutePath().normalize());
    }

    /**
     * One measured phase: how many, how long from the first record produced to the last visible, how fast, and the
     * CPU time it took per 1,000 records in this JVM (dispatch or the pass-through, and the bench's producer and
     * reader) and in the broker: on a shared machine, the CPU a record costs moves less than the wall clock.
     */
    record Phase(int count, double seconds, double perSecond, long p50, long p99, double cpuMillisPerThousand,
                 double brokerCpuMillisPerThousand, long[] series) {
        ObjectNode json(ObjectMapper json) {
            ObjectNode node = json.createObjectNode().put("count", count).put("seconds", seconds)
                    .put("perSecond", perSecond).put("latencyP50Ms", p50).put("latencyP99Ms", p99)
                    .put("cpuMsPerThousandInBenchJvm", cpuMillisPerThousand)
                    .put("cpuMsPerThousandInBroker", brokerCpuMillisPerThousand);
            var perSecondSeries = node.putArray("perSecondSeries");
            Arrays.stream(series).forEach(perSecondSeries::add);
            return node;
        }
    }

    /** CPU time used so far by this JVM and by the broker it forked (its descendants). */
    record CpuTime(long benchMillis, long brokerMillis) {
        static CpuTime now() {
            long bench = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1_000_000;
            long broker = ProcessHandle.current().descendants()
                    .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
            return new CpuTime(bench, broker);
        }

        CpuTime minus(CpuTime before) {
            return new CpuTime(benchMillis - before.benchMillis, brokerMillis - before.brokerMillis);
        }
    }

    /**
     * The memory of the process (it runs dispatch, and the bench's clients): heap, resident set and its peak from
     * {@code /proc/self/status}, and the RocksDB block cache that every store of both lanes shares (write buffers
     * are charged to it).
     */
    record Memory(long heapUsed, long heapCommitted, long rss, long peakRss, long rocksDbCacheUsage,
                  long rocksDbCacheCapacity) {
        static Memory now(MeterRegistry meters, long rocksDbCacheCapacity) throws IOException {
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Gauge rocksDb = meters.find("kairos.dispatch.rocksdb.memory").gauge();
            Map<String, Long> status = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                String[] parts = line.split("\\s+");
                if (parts.length >= 2 && (parts[0].equals("VmRSS:") || parts[0].equals("VmHWM:"))) {
                    status.put(parts[0], Long.parseLong(parts[1]) * 1024);
                }
            }
            return new Memory(heap.getUsed(), heap.getCommitted(), status.getOrDefault("VmRSS:", -1L),
                    status.getOrDefault("VmHWM:", -1L),
                    rocksDb == null ? -1 : (long) rocksDb.value(), rocksDbCacheCapacity);
        }
    }

    /** SERVICE requests posted to the REST API at a steady rate, and their sends on the priority lane's send queue. */
    private final class Probe {
        private final DispatchApi api = new DispatchApi(Integer.parseInt(
                app.getEnvironment().getRequiredProperty("local.server.port")));
        private volatile Arrivals arrivals = new Arrivals(kafka, topics.name("priority-send-email"), 100_000);
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger sent = new AtomicInteger();
        /** Every probe's request id is new: a repeated one would be dropped as a duplicate. */
        private final AtomicInteger sequence = new AtomicInteger();
        private final List<String> failures = new ArrayList<>();

        /** Starts posting: the probes during the warm-up warm the priority lane too, and are not counted. */
        Probe() {
            clock.scheduleAtFixedRate(this::post, 0, 1000 / PROBES_PER_SECOND, TimeUnit.MILLISECONDS);
        }

        /** Counts the probes posted from now on. */
        void measureFromNow() throws InterruptedException {
            Arrivals warm = arrivals;
            arrivals = new Arrivals(kafka, topics.name("priority-send-email"), 100_000);
            sent.set(0);
            warm.close();
        }

        private void post() {
            int i = sequence.getAndIncrement();
            String customer = customer(i % customers);
            try {
                var response = api.post("""
                        {"requestId": "bench-%s-probe-%d", "customerId": "%s", "topic": "%s",
                         "content": {"EMAIL": {"subject": "Réinitialisation", "text": "Votre code : 123456"}}}"""
                        .formatted(run, i, customer, SERVICE_TOPIC));
                if (response.statusCode() / 100 == 2) {
                    sent.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (IOException | InterruptedException e) {
                failures.add(e.toString());
            }
        }

        Result finish() throws Exception {
            clock.shutdown();
            clock.awaitTermination(10, TimeUnit.SECONDS);
            if (!failures.isEmpty()) {
                System.out.printf("[bench] %d SERVICE probes refused, first: %s%n", failures.size(), failures.get(0));
            }
            BenchSupport.await("SERVICE probes sent", arrivals::count, sent.get(), Instant.now(), PATIENCE);
            Result result = new Result(sent.get(), arrivals.quantile(0.5), arrivals.quantile(0.99),
                    arrivals.quantile(1.0));
            arrivals.close();
            return result;
        }

        record Result(int sent, long p50, long p99, long max) {
        }
    }
}
