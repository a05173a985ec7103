package dev.kairos.dispatch;

import dev.kairos.platform.smsc.SmscSimulator;
import dev.kairos.platform.testing.KafkaCluster;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark of the channel ends: approved sends put straight on the email and SMS send queues of a real broker,
 * taken by dispatch's senders as in the local run (re-check, mark, provider call, outcome, one Kafka transaction
 * each) to the embedded SMTP server (GreenMail, with the {@code .eml} copies) and to the SMSC simulator over SMPP.
 * Prints emails and SMS per second, one channel at a time. The rate limits are raised far above what is reached
 * (provider rate, SMPP window and throughput), so the figures are what one instance's senders can do, not a
 * configured cap. Run with {@code bench/dispatch-sends.sh [emails] [sms]}.
 */
public final class SendBench {

    private static final Duration PATIENCE = BenchSupport.patience("PT15M");
    private static final int CUSTOMERS = 100;

    private SendBench() {
    }

    public static void main(String[] args) throws Exception {
        int emails = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int texts = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        KafkaCluster kafka = TestInfrastructure.kafka();
        String password = "b" + UUID.randomUUID().toString().substring(0, 7);
        try (SmscSimulator smsc = SmscSimulator.start(0, "kairos", password, null)) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("kairos.channels.mode", "local");
            settings.put("kairos.channels.sink-dir", Files.createTempDirectory("kairos-bench-sinks").toString());
            settings.put("kairos.dispatch.state-dir", Files.createTempDirectory("kairos-bench-state").toString());
            settings.put("kairos.sms.smpp.host", "127.0.0.1");
            settings.put("kairos.sms.smpp.port", Integer.toString(smsc.port()));
            settings.put("kairos.sms.smpp.password", password);
            settings.put("kairos.sms.smpp.throughput", "100000");
            settings.put("kairos.sms.smpp.window", "100");
            settings.put("kairos.channels.providers.smtp.rate-per-second", "100000");
            settings.put("kairos.channels.providers.smpp.rate-per-second", "100000");
            ConfigurableApplicationContext app = BenchSupport.dispatch(kafka, settings);
            try {
                String run = UUID.randomUUID().toString().substring(0, 8);
                TopicsProperties topics = app.getBean(TopicsProperties.class);
                MeterRegistry meters = app.getBean(MeterRegistry.class);
                // A first message per channel warms the path (bind, SMTP session, replica), then the timed ones.
                phase(kafka, topics.name("send-email"), meters, Channel.EMAIL, run + "-warm", 1);
                phase(kafka, topics.name("send-sms"), meters, Channel.SMS, run + "-warm", 1);
                double emailRate = phase(kafka, topics.name("send-email"), meters, Channel.EMAIL, run, emails);
                double smsRate = phase(kafka, topics.name("send-sms"), meters, Channel.SMS, run, texts);
                System.out.printf("[bench] emails: %,d at %.0f per second (embedded SMTP server); SMS: %,d at %.0f per "
                        + "second (SMSC simulator over SMPP; the simulator received %,d)%n", emails, emailRate, texts,
                        smsRate, smsc.delivered().size() - 1);
            } finally {
                app.close();
            }
        }
        System.exit(0);
    }

    /** Puts {@code count} sends on the queue, waits until the senders handed them all over; returns sends a second. */
    private static double phase(KafkaCluster kafka, String queue, MeterRegistry meters, Channel channel, String run,
                                int count) throws InterruptedException {
        double before = sent(meters, channel);
        Instant start = Instant.now();
        try (KafkaProducer<String, byte[]> producer = BenchSupport.producer(kafka)) {
            var sends = KairosSerdes.sendApproved();
            for (int i = 0; i < count; i++) {
                String customer = "bench-" + run + "-" + (i % CUSTOMERS);
                producer.send(new ProducerRecord<>(queue, customer, sends.encode(
                        SendApproved.newBuilder().setRequestId("bench-" + run + "-" + channel + "-" + i)
                                .setCustomerId(customer).setTopic("notices").setCategory(TopicCategory.SERVICE)
                                .setChannel(channel).setAddress(address(channel, i)).setLocale("fr-FR")
                                .setSubject("Votre relevé").setText("Votre relevé du mois est disponible.")
                                .setDecidedAt(Instant.now()).build())));
            }
        }
        BenchSupport.await(channel + " sends", () -> sent(meters, channel) - before, count, start, PATIENCE);
        double seconds = Math.max(0.001, Duration.between(start, Instant.now()).toMillis() / 1000.0);
        return count / seconds;
    }

    private static String address(Channel channel, int i) {
        return channel == Channel.EMAIL ? "bench" + i + "@example.fr" : String.format("+3361%07d", i);
    }

    private static double sent(MeterRegistry meters, Channel channel) {
        return meters.find("kairos.dispatch.sends").tag("channel", channel.name()).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
