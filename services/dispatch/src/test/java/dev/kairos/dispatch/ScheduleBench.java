package dev.kairos.dispatch;

import dev.kairos.platform.testing.KafkaCluster;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Benchmark: N messages (1,000,000 by default) due at the same 08:00 Paris time, through the real topology
 * on a real broker. Loads them scheduled for tomorrow's 08:00, then moves the decision clock to that instant
 * and measures how long the wall-clock punctuator takes to decide all of them again, and the peak backlog.
 * The channel ends are off: this measures dispatch's scheduling, not file writing.
 * Run with {@code bench/dispatch-schedule.sh [messages] [customers]}.
 */
public final class ScheduleBench {

    private static final Duration PATIENCE = BenchSupport.patience("PT30M");
    /** The lane that decides the bench's requests: their topic is a SERVICE one, handed over to the priority lane. */
    private static final String LANE = "priority";

    private ScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        KafkaCluster kafka = TestInfrastructure.kafka();
        MovableClock clock = new MovableClock();
        ConfigurableApplicationContext app = BenchSupport.dispatch(kafka, Map.of(
                        "kairos.channels.mode", "off",
                        "kairos.dispatch.state-dir", Files.createTempDirectory("kairos-bench-state").toString()),
                context -> ((GenericApplicationContext) context).registerBean("benchClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)));
        try {
            run(app, clock, kafka, messages, customers);
        } finally {
            app.close();
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext app, MovableClock clock, KafkaCluster kafka, int messages,
                            int customers) throws InterruptedException {
        TopicsProperties topics = app.getBean(TopicsProperties.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        String run = UUID.randomUUID().toString().substring(0, 8);
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant due = ZonedDateTime.now(paris).plusDays(1).with(LocalTime.of(8, 0)).toInstant();

        Instant loadStart = Instant.now();
        try (KafkaProducer<String, byte[]> producer = BenchSupport.producer(kafka)) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "notices", KairosSerdes.topicCatalogueEntry()
                    .encode(BenchSupport.topic("notices", TopicCategory.SERVICE, false))));
            var preferences = KairosSerdes.contactPreferences();
            for (int c = 0; c < customers; c++) {
                String customer = "bench-" + run + "-" + c;
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                        preferences.encode(BenchSupport.preferences(customer))));
            }
            producer.flush();
            Thread.sleep(3_000); // let the replicas catch up before the requests (a bench, not a test)
            var requests = KairosSerdes.sendMessage();
            for (int i = 0; i < messages; i++) {
                String customer = "bench-" + run + "-" + (i % customers);
                producer.send(new ProducerRecord<>(topics.name("requests"), customer, requests.encode(
                        SendMessage.newBuilder().setRequestId("bench-" + run + "-" + i).setCustomerId(customer)
                                .setTopic("notices").setNotBefore(due)
                                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Bonjour")
                                        .setText("Votre relevé est disponible.").build()))
                                .build())));
            }
            producer.flush();
        }
        System.out.printf("[bench] produced %,d requests for %,d customers in %d s; due at %s (%s Paris)%n", messages,
                customers, Duration.between(loadStart, Instant.now()).toSeconds(), due, due.atZone(paris).toLocalDateTime());
        BenchSupport.await("stored", () -> count(meters, "kairos.dispatch.schedules.stored"), messages, loadStart,
                PATIENCE);
        System.out.printf("[bench] %,d scheduled (stored) %d s after the load started%n", messages,
                Duration.between(loadStart, Instant.now()).toSeconds());

        clock.jumpTo(due);
        Instant fireStart = Instant.now();
        double firedBefore = count(meters, "kairos.dispatch.schedules.fired");
        double[] peakBacklog = {0};
        BenchSupport.await("fired", () -> {
            peakBacklog[0] = Math.max(peakBacklog[0], meters.get("kairos.dispatch.schedules.backlog").tag("lane", LANE).gauge().value());
            return count(meters, "kairos.dispatch.schedules.fired") - firedBefore;
        }, messages, fireStart, PATIENCE);
        Duration fireTime = Duration.between(fireStart, Instant.now());
        System.out.printf("[bench] %,d messages due at the same instant: all decided again %.1f s after it "
                        + "(%.0f per second); peak backlog %,.0f schedules; mean lateness %.1f s, max %.1f s%n",
                messages, fireTime.toMillis() / 1000.0, messages / Math.max(0.001, fireTime.toMillis() / 1000.0),
                peakBacklog[0], meters.get("kairos.dispatch.schedules.lateness").tag("lane", LANE).timer().mean(java.util.concurrent.TimeUnit.SECONDS),
                meters.get("kairos.dispatch.schedules.lateness").tag("lane", LANE).timer().max(java.util.concurrent.TimeUnit.SECONDS));
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.get(name).tag("lane", LANE).counter().count();
    }
}
