package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.QuietHours;
import dev.kairos.proto.preferences.SendWindow;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly once across a crash: the decision engine runs in its own JVM, is killed with SIGKILL in the
 * middle of 10,000 requests over 1,000 customers with mixed preferences and consents, and is started
 * again on the same state. Every request ends with exactly one decision: one approved send on the email
 * queue or one terminal outcome (suppressed for want of consent or address), never two, never none.
 *
 * <p>Some customers have quiet hours that end, or a send window that opens, a minute or two after their
 * preferences are published: their requests are SCHEDULED, wait in the schedule store across the crash and
 * fire once when the moment comes, decided at or after their instant.
 */
class DecisionCrashIT {

    private static final int CUSTOMERS = 1_000;
    private static final int PER_CUSTOMER = 10;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "crash-" + RUN;
    // This run's own inbox, outcomes and email queue: the other ITs' requests on the shared broker (tens of
    // thousands) are then not decided again by this run's engine, and its figures do not depend on test order.
    private static final String REQUESTS = "dispatch.requests.crash-" + RUN + ".v1";
    private static final String OUTCOMES = "dispatch.outcomes.crash-" + RUN + ".v1";
    private static final String EMAILS = "dispatch.internal.send-email.crash-" + RUN + ".v1";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final String kafka = TestInfrastructure.kafka().bootstrapServers();
    private final int port = freePort();
    private final Path state = temp("state");
    private final Path log = temp("log").resolve("dispatch.log");
    private Process dispatch;

    @AfterEach
    void stopDispatch() {
        if (dispatch != null) {
            dispatch.destroyForcibly();
        }
    }

    @Test
    void aKilledEngineRestartsWithoutDuplicateOrMissingDecisions() throws Exception {
        dispatch = startDispatch();
        awaitReady();
        Instant opensAt = publishCustomers();

        List<String> all = new ArrayList<>();
        sendRequests(0, CUSTOMERS * PER_CUSTOMER / 2, all);
        try (Decisions decisions = new Decisions()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> decisions.read().decided() >= 500);
            dispatch.destroyForcibly(); // SIGKILL
            assertThat(dispatch.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int decidedBeforeTheCrash = decisions.read().decided();
            int scheduledBeforeTheCrash = decisions.read().scheduled.size();

            sendRequests(CUSTOMERS * PER_CUSTOMER / 2, CUSTOMERS * PER_CUSTOMER, all);
            dispatch = startDispatch();

            await().atMost(Duration.ofMinutes(4)).untilAsserted(() -> {
                Decisions.Seen now = decisions.read();
                List<String> missing = all.stream().filter(id -> !now.ended().containsKey(id)).toList();
                assertThat(missing).as("requests without a terminal decision (%d, of which %d scheduled; first: %s)",
                        missing.size(), missing.stream().filter(now.scheduled()::containsKey).count(),
                        missing.stream().limit(3).map(id -> id + " scheduled for " + now.scheduledFor().get(id)).toList())
                        .isEmpty();
            });
            // And nothing more turns up: no request is decided a second time after the restart.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> decisions.read().ended().values().stream().allMatch(n -> n == 1));

            Decisions.Seen seen = decisions.read();
            Map<String, Integer> ended = seen.ended();
            System.out.printf("[dispatch] crash run: %d decided before the SIGKILL (%d scheduled), %d scheduled in all, "
                    + "%d sends, %d suppressed%n", decidedBeforeTheCrash, scheduledBeforeTheCrash, seen.scheduled.size(),
                    seen.sends.size(), seen.outcomes.size());
            assertThat(decidedBeforeTheCrash).isLessThan(all.size());
            assertThat(ended).hasSize(all.size());
            assertThat(ended.values()).as("one terminal decision per request").containsOnly(1);
            assertThat(seen.sends.values()).as("no duplicate on the send queue").containsOnly(1);
            assertThat(seen.sends).isNotEmpty();
            assertThat(seen.outcomes).isNotEmpty();
            // The scheduled ones: stored once, fired once (a send, never a second one), not before their instant.
            assertThat(scheduledBeforeTheCrash).as("schedules waiting when the engine was killed").isPositive();
            assertThat(seen.scheduled.values()).containsOnly(1);
            assertThat(seen.scheduled.keySet()).allSatisfy(id -> {
                assertThat(seen.sends).as("%s fired", id).containsEntry(id, 1);
                assertThat(seen.sentAt.get(id)).as("%s fired at its instant", id).isAfterOrEqualTo(seen.scheduledFor.get(id));
                assertThat(seen.scheduledFor.get(id)).isEqualTo(opensAt);
            });
            assertThat(seen.scheduledReasons).as("both quiet hours and send windows held messages")
                    .contains("QUIET_HOURS", "SEND_WINDOW");
            // With the channel ends off, nothing of this instance consumed the send queues: the sends wait for the
            // instances that send (a binding with no sender behind it had rolled them back, then dead-lettered them).
            assertThat(committedOffsets("dispatch-crash-" + RUN + ".senders")).isEmpty();
            assertThat(committedOffsets("dispatch-crash-" + RUN + ".priority-senders")).isEmpty();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private Process startDispatch() throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("kairos-dispatch-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the dispatch jar first"));
        }
        ProcessBuilder builder = new ProcessBuilder(ServiceTestProperties.withSecurity(PriorityLaneTopics.with(RUN,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString(),
                "--kairos.dispatch.application-id=dispatch-crash-" + RUN,
                "--kairos.topics.catalogue.requests.name=" + REQUESTS,
                "--kairos.topics.catalogue.outcomes.name=" + OUTCOMES,
                "--kairos.topics.catalogue.send-email.name=" + EMAILS,
                "--kairos.channels.mode=off")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        builder.environment().put("KAIROS_STATE_DIR", state.toString());
        return builder.start();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            assertThat(dispatch.isAlive()).as("dispatch exited; see %s", log).isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * A third with preferences and consent, a third with preferences only, a third unknown to dispatch. Of
     * those with consent, one in five has quiet hours until a minute boundary 30 to 90 s ahead, and one in
     * five a send window that opens then: their requests wait, across the crash. Answers that instant.
     */
    private Instant publishCustomers() throws Exception {
        AddressHmac hmac = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant opensAt = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.MINUTES);
        LocalTime local = LocalTime.ofInstant(opensAt, paris);
        // Every field set: a default of an enum type would need the serde's trusted classes first.
        QuietHours quiet = QuietHours.newBuilder().setFrom(local.minusHours(2).format(HH_MM)).setTo(local.format(HH_MM))
                .setChannels(List.of()).build();
        SendWindow window = SendWindow.newBuilder().setFrom(local.format(HH_MM)).setTo(local.plusHours(2).format(HH_MM))
                .setDays(List.of()).build();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>("preferences.topics.v1", TOPIC, KairosSerdes.topicCatalogueEntry().encode(
                    TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(TOPIC)
                            .setName("Crash").setCategory(TopicCategory.MARKETING).setPurpose(TOPIC)
                            .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build())));
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = customer(c);
                String email = customer + "@example.fr";
                if (c % 3 != 2) {
                    producer.send(new ProducerRecord<>("preferences.contact-preferences.v1", customer,
                            KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                                    .setEventId(UUID.randomUUID().toString()).setCustomerId(customer).setVersion(1)
                                    .setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                                    .setJurisdiction("FR").setFormOfAddress(FormOfAddress.newBuilder().build())
                                    .setContactPoints(ContactPoints.newBuilder().setEmail(email).build())
                                    .setQuietHours(c % 15 == 0 ? List.of(quiet) : List.of())
                                    .setSendWindows(c % 15 == 3 ? List.of(window) : List.of()).build())));
                }
                if (c % 3 == 0) {
                    producer.send(new ProducerRecord<>("compliance.consents.v1", customer, KairosSerdes.consentState()
                            .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString())
                                    .setCustomerId(customer).setVersion(1).setUpdatedAt(Instant.now())
                                    .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                                            .setPurpose(TOPIC).setStatus(ConsentStatus.ACTIVE)
                                            .setBasis(LegalBasis.OPT_IN).setAddressHmac(hmac.of(email))
                                            .setEntryId("entry-" + c).build())).build())));
                }
            }
            producer.flush();
        }
        return opensAt;
    }

    private void sendRequests(int from, int to, List<String> all) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = from; i < to; i++) {
                String customer = customer(i % CUSTOMERS);
                String requestId = "crash-" + RUN + ":" + i;
                all.add(requestId);
                producer.send(new ProducerRecord<>(REQUESTS, customer, KairosSerdes.sendMessage().encode(
                        SendMessage.newBuilder().setRequestId(requestId).setCustomerId(customer).setTopic(TOPIC)
                                .setContent(Map.of("EMAIL", new MessageContent("Hello", "Hello", null)))
                                .setReceivedAt(Instant.now()).build())));
            }
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "linger.ms", 20),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static String customer(int c) {
        return "crash-" + RUN + "-c" + c;
    }

    /**
     * The committed decisions of this run, per request id: approved sends on the email queue, terminal
     * outcomes (suppressed) and schedules (not terminal: a send or an outcome follows).
     */
    private final class Decisions implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Integer> sends = new HashMap<>();
        private final Map<String, Instant> sentAt = new HashMap<>();
        private final Map<String, Integer> outcomes = new HashMap<>();
        private final Map<String, Integer> scheduled = new HashMap<>();
        private final Map<String, Instant> scheduledFor = new HashMap<>();
        private final Set<String> scheduledReasons = new HashSet<>();

        /** A copy of what was read so far. */
        record Seen(Map<String, Integer> sends, Map<String, Instant> sentAt, Map<String, Integer> outcomes,
                    Map<String, Integer> scheduled, Map<String, Instant> scheduledFor, Set<String> scheduledReasons) {

            /** Terminal decisions per request: sends and terminal outcomes together. */
            Map<String, Integer> ended() {
                Map<String, Integer> ended = new HashMap<>(sends);
                outcomes.forEach((id, n) -> ended.merge(id, n, Integer::sum));
                return ended;
            }

            /** Requests with any decision, terminal or a schedule. */
            int decided() {
                Set<String> ids = new HashSet<>(ended().keySet());
                ids.addAll(scheduled.keySet());
                return ids.size();
            }
        }

        Decisions() {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka, "isolation.level", "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(EMAILS, OUTCOMES)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        Seen read() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.topic().startsWith("dispatch.internal")) {
                    SendApproved send = KairosSerdes.sendApproved().decode(r.value());
                    if (ours(send.getRequestId())) {
                        sends.merge(send.getRequestId(), 1, Integer::sum);
                        sentAt.put(send.getRequestId(), send.getDecidedAt());
                    }
                    continue;
                }
                MessageOutcome outcome = KairosSerdes.messageOutcome().decode(r.value());
                if (!ours(outcome.getRequestId())) {
                    continue;
                }
                if (outcome.getOutcome() instanceof MessageScheduled s) {
                    scheduled.merge(outcome.getRequestId(), 1, Integer::sum);
                    scheduledFor.put(outcome.getRequestId(), s.getScheduledFor());
                    scheduledReasons.addAll(s.getReasons());
                } else {
                    outcomes.merge(outcome.getRequestId(), 1, Integer::sum);
                }
            }
            return new Seen(Map.copyOf(sends), Map.copyOf(sentAt), Map.copyOf(outcomes), Map.copyOf(scheduled),
                    Map.copyOf(scheduledFor), Set.copyOf(scheduledReasons));
        }

        private boolean ours(String requestId) {
            return requestId.startsWith("crash-" + RUN + ":");
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path temp(String name) {
        try {
            return Files.createTempDirectory("kairos-crash-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
