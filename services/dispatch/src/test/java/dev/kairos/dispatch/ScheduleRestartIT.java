package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSent;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A scheduled message survives the loss of the instance that scheduled it, local state included: the
 * next instance starts on an empty state folder, restores the schedule store from its changelog, and
 * sends the message once when its instant comes.
 */
class ScheduleRestartIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "it-restart-" + RUN;
    private static final String CUSTOMER = "c-restart-" + RUN;

    @Test
    void aScheduledMessageFiresOnceAfterTheInstanceAndItsStateFolderAreGone() throws Exception {
        String requestId = "restart-" + RUN;
        Instant notBefore;
        try (ConfigurableApplicationContext first = instance("first")) {
            publishTopicAndCustomer(first.getBean(TopicsProperties.class));
            DispatchApi api = api(first);
            await().atMost(Duration.ofSeconds(60)).until(() -> api.exportOf(CUSTOMER).has("contact-preferences"));
            // Far enough ahead that a slow first decision still finds it in the future, and schedules it.
            notBefore = Instant.now().plusSeconds(20);
            assertThat(api.post("""
                    {"requestId": "%s", "customerId": "%s", "topic": "%s", "notBefore": "%s",
                     "content": {"EMAIL": {"subject": "Votre facture", "text": "Bonjour"}}}"""
                    .formatted(requestId, CUSTOMER, TOPIC, notBefore)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(String.valueOf(api.status(requestId))).contains("\"status\":\"SCHEDULED\""));
        }

        Path sinks;
        try (ConfigurableApplicationContext second = instance("second")) {
            sinks = Path.of(second.getEnvironment().getProperty("kairos.channels.sink-dir"));
            DispatchApi api = api(second);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(String.valueOf(api.status(requestId))).contains("\"status\":\"SENT\""));
            assertThat(Instant.now()).isAfterOrEqualTo(notBefore);

            try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                    second.getBean(TopicsProperties.class).name("outcomes"))) {
                List<MessageOutcome> all = outcomes.awaitValues(CUSTOMER, KairosSerdes.messageOutcome()::decode,
                        list -> list.stream().anyMatch(o -> o.getOutcome() instanceof MessageSent));
                assertThat(all.stream().filter(o -> o.getOutcome() instanceof MessageScheduled)).hasSize(1);
                assertThat(all.stream().filter(o -> o.getOutcome() instanceof MessageSent)).hasSize(1);
            }
        }
        // The local email end shares its consumer group with the other tests on this broker: look for ours.
        try (var files = Files.list(sinks.resolve("email"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(requestId.replace(':', '_') + ".email.eml");
        }
    }

    private static ConfigurableApplicationContext instance(String name) throws IOException {
        return new SpringApplicationBuilder(DispatchApplication.class).run(ServiceTestProperties.withSecurity(PriorityLaneTopics.with(RUN,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().bootstrapServers(),
                "--kairos.dispatch.application-id=dispatch-restart-" + RUN,
                // Its own inbox, outcomes and email queue: a new application id decides everything already in
                // its inbox first, and the shared one holds the other ITs' tens of thousands of requests.
                "--kairos.topics.catalogue.requests.name=dispatch.requests.restart-" + RUN + ".v1",
                "--kairos.topics.catalogue.outcomes.name=dispatch.outcomes.restart-" + RUN + ".v1",
                "--kairos.topics.catalogue.send-email.name=dispatch.internal.send-email.restart-" + RUN + ".v1",
                // A new folder each time: the second instance has nothing but the changelogs.
                "--kairos.dispatch.state-dir=" + Files.createTempDirectory("kairos-restart-state-" + name),
                "--kairos.channels.sink-dir=" + Files.createTempDirectory("kairos-restart-sinks-" + name))));
    }

    private static DispatchApi api(ConfigurableApplicationContext instance) {
        return new DispatchApi(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    /** A SERVICE topic (no marketing consent to publish) and the customer's preferences, as preferences would. */
    private static void publishTopicAndCustomer(TopicsProperties topics) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), TOPIC, KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(TOPIC)
                            .setName("Billing").setCategory(TopicCategory.SERVICE).setPurpose(TOPIC)
                            .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build()))).get();
            producer.send(new ProducerRecord<>(topics.name("contact-preferences"), CUSTOMER, KairosSerdes.contactPreferences()
                    .encode(ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setCustomerId(CUSTOMER).setVersion(1).setUpdatedAt(Instant.now()).setLocale("fr-FR")
                            .setTimeZone("Europe/Paris").setJurisdiction("FR")
                            .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).setGivenName("Camille")
                                    .setFamilyName("Durand").build())
                            .setContactPoints(ContactPoints.newBuilder().setEmail(CUSTOMER + "@example.fr").build())
                            .build()))).get();
        }
    }
}
