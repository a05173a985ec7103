package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.e2e.HostileRecords.End;
import dev.kairos.e2e.HostileRecords.Hostile;
import dev.kairos.e2e.HostileRequests.Request;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * No input stops Kairos. Starts the whole local system as {@code ./kairos run} does, then throws at it, from
 * one seed, more than 10,000 hostile inputs: bad requests to every public endpoint of the three services,
 * and bad records on every topic they consume, produced with a plain Kafka producer as any client could.
 * Afterwards no answer was a 5xx, every request was refused (or, where odd but legitimate, answered),
 * every record ended on a dead-letter topic or, for a request to dispatch, as REJECTED; the three services
 * are still ready, none of their processes or threads died, a customer who consents after the abuse
 * reaches dispatch, and an ordinary message to them, sent last, is SENT within 5 seconds.
 */
class AbuseE2EIT {

    private static final long SEED = 20_261_204L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "promotions";
    /** The customer whom template abuse aims at: it must reach rendering, so they consented. */
    private static final String CUSTOMER = "abuse-consenting-customer";
    /** The customer of the ordinary request sent last. */
    private static final String LATE_CUSTOMER = "abuse-late-customer";
    /** Names a dead-letter topic: Kairos's own {@code *.dead-letters.*}, Spring's {@code *.DLT}, a binder's {@code error.*}. */
    private static final Pattern DEAD_LETTER_TOPIC = Pattern.compile("(?i).*(dead-letter|dlq|\\.dlt$).*|^error\\..*");
    /** What a JVM or Kafka Streams writes when a thread dies or is replaced after an uncaught exception. */
    private static final Pattern DEAD_THREAD = Pattern.compile(
            "Exception in thread|REPLACE_THREAD|SHUTDOWN_CLIENT|SHUTDOWN_APPLICATION|to (DEAD|ERROR|PENDING_ERROR)\\b"
                    + "|OutOfMemoryError|Consumer loop stopped|poll loop (died|stopped)");

    private static final String REFUSED_BY_BROKER = "refused by the broker";

    private static LocalRun run;
    private static HttpClient http;

    @BeforeAll
    static void startTheLocalSystem() throws Exception {
        run = LocalRun.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopTheLocalSystem() throws Exception {
        if (run != null) {
            run.stop();
        }
    }

    @Test
    void tenThousandHostileInputsStopNothing() throws Exception {
        // The services and the broker; PostgreSQL's own workers come and go by design.
        List<ProcessHandle> processes = run.launcher().descendants()
                .filter(process -> process.info().command().orElse("").endsWith("java")).toList();
        assertThat(aConsentingCustomer(CUSTOMER)).as("dispatch sees a consenting customer before the abuse").isTrue();
        Tally tally = new Tally();

        List<Request> requests = new HostileRequests(SEED, run.token(), run.token(List.of("abuse:nothing")), TOPIC, CUSTOMER).all();
        sendAll(requests, tally);
        tally.print("REST, before the Kafka part", requests.size(), null);

        Map<String, String> topics = HostileRecords.topicTable(LocalRun.ROOT);
        List<Hostile> records = new HostileRecords(SEED, topics, TOPIC, CUSTOMER).all(32, 120);
        Map<String, String> endings = new ConcurrentHashMap<>();
        Map<String, RecordMetadata> produced = produceAll(records, endings);
        awaitEndings(records, produced, topics.get("outcomes"), endings);
        records.forEach(record -> tally.recordEnded(record, endings.get(record.id())));

        // A customer who arrives after the abuse: their preferences and consent still reach dispatch.
        boolean propagated = aConsentingCustomer(LATE_CUSTOMER);
        Duration decidedIn = anOrdinaryMessageIsSent();

        tally.print("all", requests.size() + records.size(), decidedIn);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(requests.size() + records.size()).as("hostile inputs").isGreaterThanOrEqualTo(10_000);
        softly.assertThat(tally.serverErrors).as("5xx answers per endpoint").isEmpty();
        softly.assertThat(tally.unexpectedCount).as("answers other than the one expected, e.g. %s", tally.unexpected).isZero();
        softly.assertThat(tally.lostPerTopic).as("hostile records that ended neither dead-lettered nor REJECTED, e.g. %s", tally.lost)
                .isEmpty();
        for (String service : LocalRun.SERVICES) {
            softly.assertThat(run.ready(service)).as("%s readiness is UP", service).isTrue();
        }
        softly.assertThat(processes.stream().filter(process -> !process.isAlive()).map(AbuseE2EIT::describe))
                .as("processes of the local run that died").isEmpty();
        softly.assertThat(deadThreads()).as("dead or replaced threads in the services' logs").isEmpty();
        softly.assertThat(propagated).as("preferences and consent given after the abuse reach dispatch within 60 s").isTrue();
        softly.assertThat(decidedIn != null && decidedIn.compareTo(Duration.ofSeconds(5)) <= 0)
                .as("an ordinary request sent last is SENT within 5 s; it took %s", decidedIn == null ? "longer than 30 s" : decidedIn)
                .isTrue();
        softly.assertAll();
    }

    // ---- the ordinary customer --------------------------------------------------------------------------

    /** The README walkthrough's c-42: a topic, preferences and an email opt-in; whether dispatch saw them within 60 s. */
    private static boolean aConsentingCustomer(String customer) throws Exception {
        expectOk(call("PREFERENCES", "PUT", "/api/v1/topics/" + TOPIC, """
                {"name": "Promotions", "category": "MARKETING", "purpose": "promotions", "defaultChannels": ["EMAIL"]}"""));
        expectOk(call("PREFERENCES", "PUT", "/api/v1/customers/" + customer + "/preferences", """
                {"locale": "fr-FR", "timeZone": "Europe/Paris", "jurisdiction": "FR",
                 "formOfAddress": {"title": "NONE", "givenName": "Camille", "familyName": "Durand"},
                 "contactPoints": {"email": "%s@example.fr"}, "channelPriority": ["EMAIL"]}""".formatted(customer)));
        expectOk(call("COMPLIANCE", "POST", "/api/v1/consents", """
                {"customerId": "%s", "channel": "EMAIL", "purpose": "promotions", "action": "GRANT",
                 "address": "%s@example.fr", "jurisdiction": "FR", "basis": "OPT_IN", "doubleOptIn": false,
                 "collectedAt": "2026-11-23T10:15:30Z",
                 "evidence": {"source": "WEB_FORM", "collectionPoint": "signup-v3", "noticeText": "Yes, send me offers",
                              "noticeVersion": "3", "ipAddress": "203.0.113.7", "userAgent": "e2e"}}"""
                .formatted(customer, customer)));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String export = call("DISPATCH", "GET", "/api/v1/customers/" + customer + "/data-export", null).body();
                return export.contains("\"ACTIVE\"") && export.contains("contact-preferences");
            });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** How long an ordinary request took from POST to SENT; null when it was not SENT within 30 s. */
    private static Duration anOrdinaryMessageIsSent() throws Exception {
        String requestId = "abuse-suite-last:" + LATE_CUSTOMER;
        long start = System.nanoTime();
        expectOk(call("DISPATCH", "POST", "/api/v1/messages", """
                {"requestId": "%s", "customerId": "%s", "topic": "%s",
                 "content": {"EMAIL": {"subject": "{{salutation}}, -30 %%", "text": "{{salutation}}, à très vite"}}}"""
                .formatted(requestId, LATE_CUSTOMER, TOPIC)));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                HttpResponse<String> status = call("DISPATCH", "GET", "/api/v1/messages/" + requestId, null);
                return status.statusCode() == 200 && "SENT".equals(JSON.readTree(status.body()).get("status").asString());
            });
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    // ---- REST -------------------------------------------------------------------------------------------

    /** Sends every request, a few at a time (the machine is small), and counts what came back. */
    private static void sendAll(List<Request> requests, Tally tally) throws Exception {
        Semaphore inFlight = new Semaphore(6);
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (Request request : requests) {
            inFlight.acquire();
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(run.baseUrl(request.service()) + request.path()))
                    .timeout(Duration.ofSeconds(30))
                    .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            answers.add(http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        tally.answered(request, response, failure);
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(5, TimeUnit.MINUTES);
    }

    private static HttpResponse<String> call(String service, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.baseUrl(service) + path))
                .header("Authorization", "Bearer " + run.token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isBetween(200, 299);
    }

    // ---- Kafka ------------------------------------------------------------------------------------------

    private static Map<String, Object> kafka() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", "localhost:" + run.port("KAFKA"));
        return settings;
    }

    /**
     * Produces every hostile record as any client could; returns where each landed, by id. The broker
     * itself refuses some (a compacted topic takes no record without a key): those never reach a service.
     */
    private static Map<String, RecordMetadata> produceAll(List<Hostile> records, Map<String, String> endings)
            throws Exception {
        Map<String, Object> settings = kafka();
        settings.put("acks", "all");
        // One record per batch: the broker fails a whole batch for one record it refuses.
        settings.put("batch.size", 0);
        Map<String, RecordMetadata> landed = new ConcurrentHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            Map<Hostile, Future<RecordMetadata>> sends = new LinkedHashMap<>();
            for (Hostile hostile : records) {
                sends.put(hostile, producer.send(hostile.record()));
            }
            producer.flush();
            for (Map.Entry<Hostile, Future<RecordMetadata>> send : sends.entrySet()) {
                try {
                    landed.put(send.getKey().id(), send.getValue().get(30, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof InvalidRecordException)) {
                        throw e;
                    }
                    endings.put(send.getKey().id(), REFUSED_BY_BROKER);
                }
            }
        }
        return landed;
    }

    /**
     * Reads the dead-letter topics (every one on the broker, as a service may create its own) and the
     * outcomes until each hostile record has ended or 60 s have passed; notes, by id, how each ended.
     */
    private static void awaitEndings(List<Hostile> records, Map<String, RecordMetadata> produced, String outcomes,
                                     Map<String, String> endings) {
        Map<String, Hostile> byCoordinates = new HashMap<>();
        Map<String, Hostile> byRequestId = new HashMap<>();
        for (Hostile hostile : records) {
            RecordMetadata at = produced.get(hostile.id());
            if (at == null) {
                continue; // refused by the broker
            }
            byCoordinates.put(at.topic() + "/" + at.partition() + "/" + at.offset(), hostile);
            if (hostile.requestId() != null) {
                byRequestId.put(hostile.requestId(), hostile);
            }
        }
        Map<String, Object> settings = kafka();
        settings.put("isolation.level", "read_committed");
        settings.put("enable.auto.commit", false);
        try (Admin admin = Admin.create(kafka());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> assigned = new HashSet<>();
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    assignNewPartitions(admin, consumer, assigned, outcomes);
                    for (ConsumerRecord<byte[], byte[]> read : consumer.poll(Duration.ofMillis(500))) {
                        if (read.topic().equals(outcomes)) {
                            rejected(read).map(byRequestId::get)
                                    .ifPresent(hostile -> endings.put(hostile.id(), "REJECTED"));
                        } else {
                            deadLettered(read, byCoordinates).ifPresent(hostile -> endings.put(hostile.id(), "dead letter " + read.topic()));
                        }
                    }
                    return records.stream().allMatch(hostile -> ended(hostile, endings.get(hostile.id())));
                });
            } catch (ConditionTimeoutException e) {
                // Counted and printed as lost below.
            }
        }
    }

    static boolean ended(Hostile hostile, String ending) {
        return REFUSED_BY_BROKER.equals(ending)
                || ending != null && (hostile.end() == End.DEAD_LETTER) == ending.startsWith("dead letter");
    }

    private static void assignNewPartitions(Admin admin, KafkaConsumer<byte[], byte[]> consumer, Set<TopicPartition> assigned,
                                            String outcomes) throws Exception {
        List<String> topics = new ArrayList<>(admin.listTopics().names().get().stream()
                .filter(name -> DEAD_LETTER_TOPIC.matcher(name).matches()).toList());
        topics.add(outcomes);
        Set<TopicPartition> partitions = new HashSet<>(assigned);
        admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description.partitions()
                .forEach(partition -> partitions.add(new TopicPartition(description.name(), partition.partition()))));
        if (partitions.size() > assigned.size()) {
            Set<TopicPartition> added = new HashSet<>(partitions);
            added.removeAll(assigned);
            consumer.assign(partitions);
            consumer.seekToBeginning(added);
            assigned.addAll(added);
        }
    }

    private static Optional<String> rejected(ConsumerRecord<byte[], byte[]> read) {
        try {
            MessageOutcome outcome = KairosSerdes.messageOutcome().decode(read.value());
            return outcome != null && outcome.getOutcome() instanceof MessageRejected
                    ? Optional.of(outcome.getRequestId()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // one of this suite's own hostile records on the outcomes topic
        }
    }

    /**
     * The hostile record a dead letter stands for: by the source coordinates its headers name (Kairos's
     * {@code kairos-dlq-*}, Spring Kafka's {@code kafka_dlt-original-*}, the binder's {@code x-original-*}),
     * else by this suite's id header, which dead letters keep.
     */
    private static Optional<Hostile> deadLettered(ConsumerRecord<byte[], byte[]> letter, Map<String, Hostile> byCoordinates) {
        for (String prefix : List.of("kairos-dlq-", "kafka_dlt-original-", "x-original-")) {
            Header topic = letter.headers().lastHeader(prefix + "topic");
            Header partition = letter.headers().lastHeader(prefix + "partition");
            Header offset = letter.headers().lastHeader(prefix + "offset");
            if (topic != null && partition != null && offset != null) {
                Hostile hostile = byCoordinates.get(new String(topic.value(), StandardCharsets.UTF_8) + "/"
                        + number(partition.value()) + "/" + number(offset.value()));
                if (hostile != null) {
                    return Optional.of(hostile);
                }
            }
        }
        Header id = letter.headers().lastHeader(HostileRecords.ID_HEADER);
        if (id == null) {
            return Optional.empty();
        }
        String wanted = new String(id.value(), StandardCharsets.UTF_8);
        return byCoordinates.values().stream().filter(hostile -> hostile.id().equals(wanted)).findFirst();
    }

    /** A header number, as text (Kairos) or as a big-endian int or long (Spring Kafka). */
    private static long number(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        return value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt()
                : value.length == Long.BYTES ? ByteBuffer.wrap(value).getLong() : Long.MIN_VALUE;
    }

    // ---- what died --------------------------------------------------------------------------------------

    private static List<String> deadThreads() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.list(run.home().resolve("logs"))) {
            for (Path log : logs.filter(path -> path.toString().endsWith(".log")).sorted().toList()) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    lines.filter(line -> DEAD_THREAD.matcher(line).find())
                            .map(line -> log.getFileName() + ": " + abbreviate(line, 300))
                            .forEach(found::add);
                }
            }
        }
        return found.size() > 40 ? found.subList(0, 40) : found;
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().map(line -> abbreviate(line, 200)).orElse("?");
    }

    static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…(" + text.length() + " chars)";
    }

    // ---- counts -----------------------------------------------------------------------------------------

    /** Counts per category and endpoint, and the first examples of what went wrong. */
    private static final class Tally {

        private final Map<String, long[]> rows = new TreeMap<>(); // sent, 2xx, 4xx, 5xx, no answer, dead-lettered, rejected, refused by the broker
        private final Map<String, Integer> serverErrors = new TreeMap<>();
        private final List<String> unexpected = new ArrayList<>(); // the first examples only
        private int unexpectedCount;
        private final List<String> lost = new ArrayList<>(); // the first examples only
        private final Map<String, Integer> lostPerTopic = new TreeMap<>();

        synchronized void answered(Request request, HttpResponse<String> response, Throwable failure) {
            long[] row = row("REST " + request.category());
            row[0]++;
            int status = response == null ? -1 : response.statusCode();
            if (status >= 200 && status < 300) {
                row[1]++;
            } else if (status >= 400 && status < 500) {
                row[2]++;
            } else if (status >= 500) {
                row[3]++;
                serverErrors.merge(request.endpoint() + " -> " + status, 1, Integer::sum);
            } else {
                row[4]++;
            }
            if (!request.expect().allows(status) && unexpectedCount++ < 40) {
                unexpected.add("%s: %s %s%s expected %s, got %s%s".formatted(request.category(), request.method(),
                        request.service(), abbreviate(request.path(), 100), request.expect().text,
                        status < 0 ? "no answer (" + failure + ")" : status,
                        response == null ? "" : " " + abbreviate(response.body().replaceAll("\\s+", " "), 200)));
            }
        }

        synchronized void recordEnded(Hostile hostile, String ending) {
            long[] row = row("Kafka " + hostile.category());
            row[0]++;
            if (ending != null && ending.startsWith("dead letter")) {
                row[5]++;
            } else if ("REJECTED".equals(ending)) {
                row[6]++;
            } else if (REFUSED_BY_BROKER.equals(ending)) {
                row[7]++;
            }
            if (!ended(hostile, ending)) {
                lostPerTopic.merge(hostile.logicalTopic() + " (" + hostile.category() + ")", 1, Integer::sum);
                if (lost.size() < 40) {
                    lost.add("%s on %s expected %s, ended %s".formatted(hostile.id(), hostile.logicalTopic(),
                            hostile.end(), ending == null ? "nowhere" : ending));
                }
            }
        }

        private long[] row(String category) {
            return rows.computeIfAbsent(category, key -> new long[8]);
        }

        void print(String part, int total, Duration decidedIn) {
            StringBuilder out = new StringBuilder("\nAbuse suite (seed " + SEED + "), " + part + ": " + total + " hostile inputs\n");
            out.append("%-55s %6s %6s %6s %6s %9s %13s %8s %14s%n".formatted("category", "sent", "2xx", "4xx", "5xx",
                    "no answer", "dead-lettered", "rejected", "broker refused"));
            rows.forEach((category, row) -> out.append("%-55s %6d %6d %6d %6d %9d %13d %8d %14d%n".formatted(category,
                    row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])));
            out.append("5xx per endpoint: ").append(serverErrors.isEmpty() ? "none" : serverErrors).append('\n');
            out.append("Unexpected answers: ").append(unexpectedCount).append('\n');
            unexpected.forEach(line -> out.append("  ").append(line).append('\n'));
            out.append("Hostile records that went nowhere, per topic: ").append(lostPerTopic.isEmpty() ? "none" : lostPerTopic).append('\n');
            lost.forEach(line -> out.append("  ").append(line).append('\n'));
            if (part.equals("all")) {
                out.append("Ordinary request sent last: ")
                        .append(decidedIn == null ? "not SENT within 30 s" : "SENT after " + decidedIn.toMillis() + " ms").append('\n');
            }
            System.out.println(out);
        }
    }
}
