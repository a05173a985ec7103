package dev.kairos.dispatch;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.KafkaCluster;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the dispatch benches share: dispatch started in the bench's JVM against the bench's broker, a fast
 * producer, the customers they seed through the real topics, and a bounded wait that still yields a figure.
 */
final class BenchSupport {

    static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);

    private BenchSupport() {
    }

    /** How long each phase may take before the bench reports how far it got and stops (BENCH_PATIENCE, ISO-8601). */
    static Duration patience(String fallback) {
        return Duration.parse(System.getenv().getOrDefault("BENCH_PATIENCE", fallback));
    }

    /**
     * Dispatch as the service runs, on the bench's broker, with these settings over application.yml (given as
     * command-line arguments: they win over application.yml, default properties would not).
     */
    @SafeVarargs
    static ConfigurableApplicationContext dispatch(KafkaCluster kafka, Map<String, String> settings,
                                                   ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        all.put("logging.level.root", "WARN");
        all.putAll(settings);
        return new SpringApplicationBuilder(DispatchApplication.class).initializers(initializers)
                .run(ServiceTestProperties.withSecurity(all.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)));
    }

    /** A producer that batches: the benches load faster than dispatch takes. */
    static KafkaProducer<String, byte[]> producer(KafkaCluster kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("linger.ms", 20);
        settings.put("batch.size", 262_144);
        settings.put("compression.type", "lz4");
        settings.put("key.serializer", StringSerializer.class);
        settings.put("value.serializer", ByteArraySerializer.class);
        return new KafkaProducer<>(settings);
    }

    static TopicCatalogueEntry topic(String id, TopicCategory category, boolean urgent) {
        return TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(id).setName(id)
                .setCategory(category).setPurpose(id).setUrgent(urgent).setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(Instant.now()).build();
    }

    /** A French customer reached by email at {@code <customer>@example.fr}. */
    static ContactPreferences preferences(String customer) {
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(1).setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                .setJurisdiction("FR").setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(customer + "@example.fr").build())
                .build();
    }

    /** The customer's opt-in to email for {@code purpose}, for the address of {@link #preferences}. */
    static ConsentState emailConsent(String customer, String purpose) {
        return ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(1).setUpdatedAt(Instant.now())
                .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL).setPurpose(purpose)
                        .setStatus(ConsentStatus.ACTIVE).setBasis(LegalBasis.OPT_IN)
                        .setAddressHmac(HMAC.of(customer + "@example.fr")).setEntryId("entry-" + customer).build()))
                .build();
    }

    /**
     * Waits until {@code done} reaches {@code target}; past the deadline, prints how far it got and how fast
     * since {@code start}, and stops the bench (exit code 2): an overrun still yields a figure.
     */
    static void await(String phase, DoubleSupplier done, double target, Instant start, Duration patience)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (done.getAsDouble() < target) {
            if (Instant.now().isAfter(deadline)) {
                long seconds = Math.max(1, Duration.between(start, Instant.now()).toSeconds());
                System.out.printf("[bench] gave up: %,.0f of %,.0f %s after %d s (%.0f per second)%n",
                        done.getAsDouble(), target, phase, seconds, done.getAsDouble() / seconds);
                System.exit(2);
            }
            Thread.sleep(50);
        }
    }
}
