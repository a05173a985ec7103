package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.platform.testing.ProcessSupport;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.serde.KairosSerdes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound of ADR 0022 measured: the email sender runs in its own JVM against a real SMTP server (GreenMail, in
 * this JVM), is killed with SIGKILL in the middle of 400 sends and started again. Afterwards every message
 * reached the server, each has one committed {@code MessageSent}, and the only messages the server received twice
 * are sends that were marked but not recorded when the process died: at most one, the consumer concurrency.
 */
class SenderCrashIT {

    private static final int SENDS = 400;
    private static final int CUSTOMERS = 12;
    /** One consumer thread per send queue and instance (the default concurrency): one send in flight. */
    private static final int IN_FLIGHT_BOUND = 1;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    // This run's own queues and outcomes: the forked sender consumes nothing of the other ITs on the shared broker.
    private static final String EMAILS = "dispatch.internal.send-email.sender-crash-" + RUN + ".v1";
    private static final String OUTCOMES = "dispatch.outcomes.sender-crash-" + RUN + ".v1";
    private static final String MARKS = "dispatch.internal.send-marks.v1";

    private final String kafka = TestInfrastructure.kafka().bootstrapServers();
    private int port = ProcessSupport.freePort();
    private final Path log = temp("log").resolve("dispatch.log");
    private final GreenMail smtp = startSmtp();
    private Process dispatch;

    @AfterEach
    void stop() {
        if (dispatch != null) {
            dispatch.destroyForcibly();
        }
        smtp.stop();
    }

    @Test
    void aKilledSenderSendsEveryMessageAndRepeatsOnlyMarkedButUnrecordedSends() throws Exception {
        dispatch = startDispatch();
        List<String> ids = IntStream.range(0, SENDS).mapToObj(i -> "sender-crash-" + RUN + ":" + i).toList();
        enqueue(ids);

        // The sender starts at the queue's beginning once its binding is up (a slow start on a busy machine).
        awaitWhileAlive(Duration.ofMinutes(4), () -> received().size() >= SENDS / 4);
        dispatch.destroyForcibly(); // SIGKILL, in the middle of the queue
        assertThat(dispatch.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int receivedBeforeTheCrash = received().size();
        Set<String> markedButUnrecorded;
        try (Records marks = new Records(MARKS); Records outcomes = new Records(OUTCOMES)) {
            markedButUnrecorded = new HashSet<>(markedRequests(marks.all()));
            markedButUnrecorded.removeAll(sentRequests(outcomes.all()).keySet());
        }

        // The killed instance's port may have been handed to another socket meanwhile: then the restart takes another.
        port = ProcessSupport.preferredOrFree(port);
        dispatch = startDispatch();
        awaitWhileAlive(Duration.ofMinutes(6), () -> received().size() == SENDS);
        try (Records outcomes = new Records(OUTCOMES)) {
            // The killed instance's open transaction holds back what follows it until the broker aborts it.
            await().atMost(Duration.ofMinutes(2)).until(() -> sentRequests(outcomes.all()).size() == SENDS);
            assertThat(sentRequests(outcomes.all()).values()).as("one committed MessageSent per message").containsOnly(1L);
        }

        Map<String, Long> copies = received();
        Set<String> repeated = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("[dispatch] sender crash: %d of %d mails received before the SIGKILL, %d marked but "
                        + "unrecorded then, %d received twice after the restart%n", receivedBeforeTheCrash, SENDS,
                markedButUnrecorded.size(), duplicates);
        assertThat(receivedBeforeTheCrash).isLessThan(SENDS);
        assertThat(copies).as("every message reached the server").hasSize(SENDS);
        assertThat(markedButUnrecorded).as("sends in flight at the crash").hasSizeLessThanOrEqualTo(IN_FLIGHT_BOUND);
        assertThat(repeated).as("only marked-but-unrecorded sends repeat").isSubsetOf(markedButUnrecorded);
        assertThat(duplicates).isLessThanOrEqualTo(IN_FLIGHT_BOUND);
    }

    /** Waits for {@code condition} while dispatch runs; a timeout or an exit fails with the end of its log. */
    private void awaitWhileAlive(Duration limit, Callable<Boolean> condition) {
        try {
            await().atMost(limit).until(() -> {
                if (!dispatch.isAlive()) {
                    throw new IllegalStateException("dispatch exited with " + dispatch.exitValue());
                }
                return condition.call();
            });
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "; the end of its log:\n" + logTail(), e);
        }
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Process startDispatch() throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("kairos-dispatch-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the dispatch jar first"));
        }
        String topic = "--kairos.topics.catalogue.%s.name=dispatch.internal.%s.sender-crash-" + RUN + ".v1";
        ProcessBuilder builder = new ProcessBuilder(ServiceTestProperties.withSecurity(PriorityLaneTopics.with(RUN,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar.toString(),
                "--kairos.dispatch.application-id=dispatch-sender-crash-" + RUN,
                "--kairos.topics.catalogue.requests.name=dispatch.requests.sender-crash-" + RUN + ".v1",
                "--kairos.topics.catalogue.outcomes.name=" + OUTCOMES,
                "--kairos.topics.catalogue.send-email.name=" + EMAILS,
                topic.formatted("send-sms", "send-sms"), topic.formatted("send-mail", "send-mail"),
                topic.formatted("sms-inbound", "sms-inbound"), topic.formatted("sms-submissions", "sms-submissions"),
                "--kairos.channels.mode=remote",
                "--kairos.channels.sink-dir=" + temp("sinks"),
                "--kairos.email.smtp.host=127.0.0.1",
                "--kairos.email.smtp.port=" + smtp.getSmtp().getPort(),
                "--kairos.email.smtp.start-tls=false",
                // No SMSC: the SMS link keeps trying to bind to a closed port, which concerns no email.
                "--kairos.sms.smpp.port=" + ProcessSupport.freePort(),
                "--kairos.sms.smpp.password=unused")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        builder.environment().put("KAIROS_STATE_DIR", temp("state").toString());
        return builder.start();
    }

    private void enqueue(List<String> ids) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka,
                "linger.ms", 20), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < ids.size(); i++) {
                String customer = "sender-crash-" + RUN + "-c" + (i % CUSTOMERS);
                producer.send(new ProducerRecord<>(EMAILS, customer, KairosSerdes.sendApproved().encode(
                        SendApproved.newBuilder().setRequestId(ids.get(i)).setCustomerId(customer).setTopic("orders")
                                .setCategory(TopicCategory.SERVICE).setChannel(Channel.EMAIL)
                                .setAddress(customer + "@example.fr").setLocale("fr-FR").setSubject("Votre commande")
                                .setText("Votre commande " + ids.get(i)).setDecidedAt(Instant.now()).build())));
            }
        }
    }

    /** Copies received per request, as the server counts them by Message-ID (stable per request and channel). */
    private Map<String, Long> received() {
        Map<String, String> requestOf = new HashMap<>();
        List<String> messageIds = new ArrayList<>();
        Arrays.stream(smtp.getReceivedMessages()).forEach(m -> {
            String requestId = header(m, "X-Kairos-Request-Id");
            if (requestId != null && requestId.startsWith("sender-crash-" + RUN + ":")) {
                String messageId = header(m, "Message-ID");
                requestOf.put(messageId, requestId);
                messageIds.add(messageId);
            }
        });
        return messageIds.stream().collect(Collectors.groupingBy(requestOf::get, Collectors.counting()));
    }

    private List<String> markedRequests(List<ConsumerRecord<String, byte[]>> marks) {
        return marks.stream().map(r -> new String(r.headers().lastHeader("kairos-mark-request-id").value(),
                StandardCharsets.UTF_8)).filter(id -> id.startsWith("sender-crash-" + RUN + ":")).toList();
    }

    private static Map<String, Long> sentRequests(List<ConsumerRecord<String, byte[]>> outcomes) {
        return outcomes.stream().map(r -> KairosSerdes.messageOutcome().decode(r.value()))
                .filter(o -> o.getOutcome() instanceof MessageSent).map(MessageOutcome::getRequestId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed records of one topic, read from its start. */
    private final class Records implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        Records(String topic) {
            consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka, "isolation.level", "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything up to the end offsets as they are now. */
        List<ConsumerRecord<String, byte[]>> all() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close(Duration.ZERO);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    private static Path temp(String name) {
        try {
            return Files.createTempDirectory("kairos-sender-crash-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
