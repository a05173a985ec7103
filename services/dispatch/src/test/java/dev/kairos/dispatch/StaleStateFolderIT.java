package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.dispatch.engine.DecisionEngine;
import dev.kairos.platform.testing.KraftBroker;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The broker's data is wiped while dispatch's state folder is kept: the folder checkpointed offsets the
 * broker no longer has. The engine notices, rebuilds its state from the (new) topics instead of stopping in
 * ERROR, and decides requests again. Runs on a broker of its own, since it wipes it.
 */
class StaleStateFolderIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "it-stale-" + RUN;
    private static final String CUSTOMER = "c-stale-" + RUN;

    private final Path brokerDir = temp("broker");
    private final Path state = temp("state");
    private KraftBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
        delete(brokerDir);
    }

    @Test
    void anEngineWhoseStateFolderOutlivedTheBrokersDataRecoversOnItsOwn() throws Exception {
        broker = KraftBroker.start(brokerDir);
        try (ConfigurableApplicationContext first = instance()) {
            publishTopicAndCustomer(first.getBean(TopicsProperties.class), 50);
            DispatchApi api = api(first);
            post(api, "stale-before-" + RUN);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(String.valueOf(api.status("stale-before-" + RUN))).contains("\"status\":\"SENT\""));
        }
        // A clean close leaves checkpoints; the broker comes back empty on the same port.
        broker.stop();
        delete(brokerDir.resolve("data"));
        broker = KraftBroker.start(brokerDir);

        try (ConfigurableApplicationContext second = instance()) {
            DecisionEngine engine = second.getBean(DecisionEngine.class);
            publishTopicAndCustomer(second.getBean(TopicsProperties.class), 1);
            await().atMost(Duration.ofSeconds(90)).until(() -> engine.state() == KafkaStreams.State.RUNNING);
            DispatchApi api = api(second);
            post(api, "stale-after-" + RUN);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(String.valueOf(api.status("stale-after-" + RUN))).contains("\"status\":\"SENT\""));
            assertThat(engine.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private ConfigurableApplicationContext instance() throws IOException {
        return new SpringApplicationBuilder(DispatchApplication.class).run(ServiceTestProperties.withSecurity(PriorityLaneTopics.with(RUN,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--kairos.dispatch.application-id=dispatch-stale-" + RUN,
                "--kairos.dispatch.state-dir=" + state,
                // The local email end reports SENT once it wrote the message.
                "--kairos.channels.sink-dir=" + Files.createTempDirectory("kairos-stale-sinks"))));
    }

    private static DispatchApi api(ConfigurableApplicationContext instance) {
        return new DispatchApi(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    private static void post(DispatchApi api, String requestId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.post("""
                {"requestId": "%s", "customerId": "%s", "topic": "%s",
                 "content": {"EMAIL": {"subject": "Votre facture", "text": "Bonjour"}}}"""
                .formatted(requestId, CUSTOMER, TOPIC)).statusCode() == 202);
    }

    /**
     * A SERVICE topic and the customer's preferences, each written {@code times} times: the first broker's
     * topics then end well past where the second broker's do, as after any real history.
     */
    private void publishTopicAndCustomer(TopicsProperties topics, int times) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            for (int i = 0; i < times; i++) {
                producer.send(new ProducerRecord<>(topics.name("topics"), TOPIC, KairosSerdes.topicCatalogueEntry()
                        .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(TOPIC)
                                .setName("Billing").setCategory(TopicCategory.SERVICE).setPurpose(TOPIC)
                                .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build())));
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), CUSTOMER,
                        KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setCustomerId(CUSTOMER).setVersion(i + 1)
                                .setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                                .setJurisdiction("FR").setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                                .setContactPoints(ContactPoints.newBuilder().setEmail(CUSTOMER + "@example.fr").build())
                                .build())));
            }
            producer.flush();
        }
    }

    private static Path temp(String name) {
        try {
            return Files.createTempDirectory("kairos-stale-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
