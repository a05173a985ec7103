package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No input stops the decision topology: a request that cannot be decided or rendered ends REJECTED with a
 * code naming the cause and the next request of the same partition is decided; bytes that cannot be
 * decoded, on any topic the topology reads, go to the dead-letter topic with their cause. Its requests are of a
 * SERVICE topic: the priority lane decides them.
 */
class EngineFailureTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final AddressHmac HMAC = new AddressHmac("test-key");
    private static final int MAX_SEND_BYTES = 20_000;
    /** Every topic the topology reads. */
    private static final List<String> CONSUMED = List.of("priority-requests", "contact-preferences", "consents", "topics",
            "suppressions", "erasures", "outcomes");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SendMessage> requests;
    private TestInputTopic<String, ContactPreferences> preferences;
    private TestOutputTopic<String, MessageOutcome> outcomes;
    private TestOutputTopic<String, SendApproved> emails;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void topology() throws Exception {
        TopicsProperties topics = TestTopologies.topics();
        Properties settings = TestTopologies.settings("engine-failure-test");
        DeadLetters.install(settings, new DeadLetterRoute(topics, letter -> { }, meters));
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30),
                Duration.ofHours(1), MAX_SEND_BYTES);
        driver = new TopologyTestDriver(DecisionTopology.build(topics, HMAC, Clock.fixed(NOW, ZoneOffset.UTC),
                new DecisionMetrics(meters, Lane.PRIORITY), tunables, Lane.PRIORITY), settings, NOW);

        requests = driver.createInputTopic("priority-requests", Serdes.String().serializer(), KairosSerdes.sendMessage().serializer());
        preferences = driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer());
        outcomes = driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer());
        emails = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer());
        deadLetters = driver.createOutputTopic("dead-letters", Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());

        driver.createInputTopic("topics", Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer())
                .pipeInput("billing", TopicCatalogueEntry.newBuilder().setEventId("e").setTopicId("billing")
                        .setName("Billing").setCategory(TopicCategory.SERVICE).setPurpose("billing")
                        .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(NOW).build());
        preferences.pipeInput("c-1", preferencesOf("c-1", "Europe/Paris"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anInvalidTemplateOnTheInboxIsRejectedAndTheNextRequestOfThePartitionIsDecided() {
        requests.pipeInput("c-1", request("r-oops", "{{/oops}}"));
        requests.pipeInput("c-1", request("r-next", "Bonjour {{salutation}}"));

        MessageOutcome rejected = outcomes.readValue();
        assertThat(rejected.getRequestId()).isEqualTo("r-oops");
        assertThat(((MessageRejected) rejected.getOutcome()).getReasons()).containsExactly("INVALID_TEMPLATE");
        assertThat(((MessageRejected) rejected.getOutcome()).getDetail()).startsWith("content.EMAIL.text: ");
        assertThat(emails.readValue().getRequestId()).isEqualTo("r-next");
        assertThat(meters.counter("kairos.dispatch.decisions", "lane", "priority", "outcome", "REJECT",
                "reason", "INVALID_TEMPLATE")
                .count()).isEqualTo(1);
    }

    @Test
    void aSendLargerThanARecordIsRejectedTooLargeBeforeItIsWritten() {
        // Within every limit of the request, and yet larger than this engine's records may be.
        requests.pipeInput("c-1", request("r-huge", "x".repeat(MAX_SEND_BYTES + 1_000)));
        requests.pipeInput("c-1", request("r-next", "Bonjour"));

        MessageOutcome rejected = outcomes.readValue();
        assertThat(((MessageRejected) rejected.getOutcome()).getReasons()).containsExactly("TOO_LARGE");
        assertThat(emails.readValuesToList()).extracting(SendApproved::getRequestId).containsExactly("r-next");
    }

    @Test
    void aSendIsWrittenWithItsTemplatesNotItsRenderingWhichIsTheChannelEnds() {
        // Rendered, this would be 2 MB: the engine writes the 5 kB template and the variable, and decides on.
        SendMessage huge = SendMessage.newBuilder(request("r-huge", "{{v}}".repeat(1_000)))
                .setVariables(Map.of("v", "x".repeat(2_000))).build();
        requests.pipeInput("c-1", huge);

        SendApproved send = emails.readValue();
        assertThat(send.getText()).isEqualTo("{{v}}".repeat(1_000));
        assertThat(send.getPersonalisation().getVariables()).containsEntry("v", "x".repeat(2_000));
        assertThat(send.getUnsubscribeUrl()).as("signed by the channel end").isNull();
        assertThat(outcomes.isEmpty()).isTrue();
    }

    @Test
    void aFailureWhileDecidingIsRejectedRenderFailedAndTheEngineGoesOn() {
        // A replica the decision cannot read (an unknown time zone) fails that customer's request only.
        preferences.pipeInput("c-2", preferencesOf("c-2", "Mars/Olympus_Mons"));
        requests.pipeInput("c-2", SendMessage.newBuilder(request("r-mars", "Bonjour")).setCustomerId("c-2").build());
        requests.pipeInput("c-1", request("r-next", "Bonjour"));

        MessageOutcome rejected = outcomes.readValue();
        assertThat(rejected.getRequestId()).isEqualTo("r-mars");
        assertThat(((MessageRejected) rejected.getOutcome()).getReasons()).containsExactly("RENDER_FAILED");
        assertThat(emails.readValue().getRequestId()).isEqualTo("r-next");
    }

    @Test
    void undecodableBytesOnEveryConsumedTopicGoToTheDeadLetterTopicAndDecisionsGoOn() {
        Random random = new Random(11);
        byte[] truncatedAvro = Arrays.copyOf(KairosSerdes.sendMessage().encode(request("r-cut", "Bonjour")), 20);
        for (String topic : CONSUMED) {
            byte[] junk = new byte[64];
            random.nextBytes(junk);
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(topic, Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            raw.pipeInput("c-1", junk);
            raw.pipeInput("c-1", truncatedAvro);
        }
        requests.pipeInput("c-1", request("r-after", "Bonjour"));

        assertThat(emails.readValue().getRequestId()).isEqualTo("r-after");
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        List<String> sources = letters.stream().map(l -> header(l.headers(), "kairos-dlq-topic")).toList();
        // The test driver updates global tables with its own log-and-continue handler (Kafka Streams'
        // global thread uses the configured one): their letters are DeadLettersTest's.
        for (String topic : CONSUMED) {
            assertThat(sources).as("letters from %s", topic).filteredOn(topic::equals)
                    .hasSize(DecisionTopology.GLOBAL_SOURCES.contains(topic) ? 0 : 2);
        }
        TestRecord<byte[], byte[]> first = letters.get(0);
        assertThat(header(first.headers(), "kairos-dlq-stage")).isEqualTo("DESERIALIZATION");
        assertThat(header(first.headers(), "kairos-dlq-exception")).isNotBlank();
        assertThat(header(first.headers(), "kairos-dlq-offset")).isEqualTo("0");
        assertThat(meters.counter("kairos.dispatch.dead-letters", "source", "consents", "stage", "DESERIALIZATION")
                .count()).isEqualTo(2);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static SendMessage request(String id, String text) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId("c-1").setTopic("billing")
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Facture").setText(text).build()))
                .build();
    }

    private static ContactPreferences preferencesOf(String customerId, String zone) {
        return ContactPreferences.newBuilder().setEventId("e").setCustomerId(customerId).setVersion(1)
                .setUpdatedAt(NOW).setLocale("fr-FR").setTimeZone(zone).setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(customerId + "@example.fr").build()).build();
    }
}
