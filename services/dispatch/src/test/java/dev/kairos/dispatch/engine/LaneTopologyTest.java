package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each lane decides the requests of its topics' category and hands the others to the other lane's inbox once
 * (ADR 0036); the ordinary lane's status table knows the requests of both.
 */
class LaneTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private TopologyTestDriver driver;

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void theOrdinaryLaneHandsAServiceRequestToThePriorityInboxAndKnowsItsStatus() throws Exception {
        start(Lane.ORDINARY);
        inbox("requests").pipeInput("c-1", request("r-reset", "billing"));

        TestRecord<String, SendMessage> handed = driver.createOutputTopic("priority-requests",
                Serdes.String().deserializer(), KairosSerdes.sendMessage().deserializer()).readRecord();
        assertThat(handed.value().getRequestId()).isEqualTo("r-reset");
        assertThat(handed.headers().lastHeader(Lane.HANDED_OVER)).isNotNull();
        assertThat(sent("send-email")).isEmpty();
        // Its arrival on the priority inbox is what the status table knows of it.
        assertThat(driver.<String, MessageStatus>getKeyValueStore(StoreNames.MESSAGE_STATUS).get("r-reset")
                .getStatus()).isEqualTo("ACCEPTED");
    }

    @Test
    void thePriorityLaneDecidesServiceRequestsOnItsOwnQueuesAndHandsTheOthersOver() throws Exception {
        start(Lane.PRIORITY);
        TestInputTopic<String, SendMessage> inbox = inbox("priority-requests");
        inbox.pipeInput("c-1", request("r-reset", "billing"));
        inbox.pipeInput("c-1", request("r-offer", "promotions"));

        assertThat(sent("priority-send-email")).containsExactly("r-reset");
        assertThat(driver.createOutputTopic("requests", Serdes.String().deserializer(),
                KairosSerdes.sendMessage().deserializer()).readValuesToList())
                .extracting(SendMessage::getRequestId).containsExactly("r-offer");
    }

    @Test
    void aRequestHandedOverIsDecidedWhereItLandsWhateverItsCategory() throws Exception {
        start(Lane.PRIORITY);
        RecordHeaders handedOver = new RecordHeaders();
        handedOver.add(Lane.HANDED_OVER, "ORDINARY".getBytes(StandardCharsets.UTF_8));
        // The ordinary lane's catalogue said SERVICE; this one says MARKETING (a category changed meanwhile).
        inbox("priority-requests").pipeInput(new TestRecord<>("c-1", request("r-moved", "promotions"), handedOver));

        assertThat(driver.createOutputTopic("requests", Serdes.String().deserializer(),
                KairosSerdes.sendMessage().deserializer()).isEmpty()).isTrue();
        assertThat(driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer()).readValue().getRequestId()).isEqualTo("r-moved");
    }

    private void start(Lane lane) throws Exception {
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30),
                Duration.ofHours(1), 100_000);
        driver = new TopologyTestDriver(DecisionTopology.build(TestTopologies.topics(), new AddressHmac("test-key"),
                Clock.fixed(NOW, ZoneOffset.UTC), new DecisionMetrics(new SimpleMeterRegistry(), lane), tunables,
                lane), TestTopologies.settings("lane-test-" + lane.tag()), NOW);
        TestInputTopic<String, TopicCatalogueEntry> catalogue = driver.createInputTopic("topics",
                Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer());
        catalogue.pipeInput("billing", topic("billing", TopicCategory.SERVICE));
        catalogue.pipeInput("promotions", topic("promotions", TopicCategory.MARKETING));
        driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer()).pipeInput("c-1", ContactPreferences.newBuilder()
                .setEventId("e").setCustomerId("c-1").setVersion(1).setUpdatedAt(NOW).setLocale("fr-FR")
                .setTimeZone("Europe/Paris").setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setContactPoints(ContactPoints.newBuilder().setEmail("c-1@example.fr").build()).build());
    }

    private TestInputTopic<String, SendMessage> inbox(String name) {
        return driver.createInputTopic(name, Serdes.String().serializer(), KairosSerdes.sendMessage().serializer());
    }

    private List<String> sent(String queue) {
        return driver.createOutputTopic(queue, Serdes.String().deserializer(), KairosSerdes.sendApproved().deserializer())
                .readValuesToList().stream().map(SendApproved::getRequestId).toList();
    }

    private static TopicCatalogueEntry topic(String id, TopicCategory category) {
        return TopicCatalogueEntry.newBuilder().setEventId("e-" + id).setTopicId(id).setName(id).setCategory(category)
                .setPurpose(id).setUrgent(category == TopicCategory.SERVICE).setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(NOW).build();
    }

    private static SendMessage request(String id, String topic) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId("c-1").setTopic(topic)
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Objet").setText("Bonjour").build()))
                .build();
    }
}
