package dev.kairos.dispatch;

import dev.kairos.platform.testing.KafkaCluster;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

    /** How long each phase may take before the bench reports how far it got and stops (BENCH_PATIENCE, ISO-8601). */
    private static final Duration PATIENCE = Duration.parse(System.getenv().getOrDefault("BENCH_PATIENCE", "PT30M"));

    private ScheduleBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        KafkaCluster kafka = TestInfrastructure.kafka();
        MovableClock clock = new MovableClock();
        // Command-line arguments: they win over application.yml, default properties would not.
        String[] settings = Map.of(
                        "server.port", "0",
                        "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation(),
                        "kairos.channels.mode", "off",
                        "kairos.dispatch.state-dir", Files.createTempDirectory("kairos-bench-state").toString(),
                        "logging.level.root", "WARN")
                .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DispatchApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("benchClock", Clock.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(ServiceTestProperties.withSecurity(settings));
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
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "linger.ms", 20, "batch.size", 262_144,
                "compression.type", "lz4",
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "notices", KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId("notices")
                            .setName("Notices").setCategory(TopicCategory.SERVICE).setPurpose("notices")
                            .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build())));
            for (int c = 0; c < customers; c++) {
                String customer = "bench-" + run + "-" + c;
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                        KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setCustomerId(customer).setVersion(1)
                                .setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                                .setJurisdiction("FR").setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                                .setContactPoints(ContactPoints.newBuilder().setEmail(customer + "@example.fr").build())
                                .build())));
            }
            producer.flush();
            Thread.sleep(3_000); // let the replicas catch up before the requests (a bench, not a test)
            for (int i = 0; i < messages; i++) {
                String customer = "bench-" + run + "-" + (i % customers);
                producer.send(new ProducerRecord<>(topics.name("requests"), customer, KairosSerdes.sendMessage().encode(
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
        Instant storeDeadline = Instant.now().plus(PATIENCE);
        while (count(meters, "kairos.dispatch.schedules.stored") < messages) {
            giveUpAfter(storeDeadline, "stored", count(meters, "kairos.dispatch.schedules.stored"), messages, loadStart);
            Thread.sleep(500);
        }
        System.out.printf("[bench] %,d scheduled (stored) %d s after the load started%n", messages,
                Duration.between(loadStart, Instant.now()).toSeconds());

        clock.jumpTo(due);
        Instant fireStart = Instant.now();
        double peakBacklog = 0;
        double firedBefore = count(meters, "kairos.dispatch.schedules.fired");
        Instant fireDeadline = Instant.now().plus(PATIENCE);
        while (count(meters, "kairos.dispatch.schedules.fired") - firedBefore < messages) {
            giveUpAfter(fireDeadline, "fired", count(meters, "kairos.dispatch.schedules.fired") - firedBefore, messages,
                    fireStart);
            peakBacklog = Math.max(peakBacklog, meters.get("kairos.dispatch.schedules.backlog").gauge().value());
            Thread.sleep(100);
        }
        Duration fireTime = Duration.between(fireStart, Instant.now());
        System.out.printf("[bench] %,d messages due at the same instant: all decided again %.1f s after it "
                        + "(%.0f per second); peak backlog %,.0f schedules; mean lateness %.1f s, max %.1f s%n",
                messages, fireTime.toMillis() / 1000.0, messages / Math.max(0.001, fireTime.toMillis() / 1000.0),
                peakBacklog, meters.get("kairos.dispatch.schedules.lateness").timer().mean(java.util.concurrent.TimeUnit.SECONDS),
                meters.get("kairos.dispatch.schedules.lateness").timer().max(java.util.concurrent.TimeUnit.SECONDS));
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.get(name).counter().count();
    }

    /** A phase that overruns its patience still yields a figure: how many it reached, and how fast. */
    private static void giveUpAfter(Instant deadline, String phase, double done, int messages, Instant start) {
        if (Instant.now().isAfter(deadline)) {
            long seconds = Math.max(1, Duration.between(start, Instant.now()).toSeconds());
            System.out.printf("[bench] gave up: %,.0f of %,d %s after %d s (%.0f per second)%n", done, messages, phase,
                    seconds, done / seconds);
            System.exit(2);
        }
    }
}
