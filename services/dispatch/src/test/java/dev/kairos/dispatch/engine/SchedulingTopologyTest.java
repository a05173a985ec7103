package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduling part of the topology, driven by Kafka Streams' test driver: a scheduled request is
 * decided again when the wall clock reaches its instant (and with the consents as they are then), an
 * erasure removes it, and a request id is forgotten after its retention. The broker-backed ITs prove the
 * same through a real broker; this test pins the store and punctuator logic without waiting.
 */
class SchedulingTopologyTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final AddressHmac HMAC = new AddressHmac("test-key");

    private final MovingClock clock = new MovingClock();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SendMessage> requests;
    private TestInputTopic<String, ConsentState> consents;
    private TestInputTopic<String, CustomerErased> erasures;
    private TestOutputTopic<String, MessageOutcome> outcomes;
    private TestOutputTopic<String, SendApproved> emails;

    /** The decision clock; the test moves it together with the driver's wall clock. */
    static final class MovingClock extends Clock {
        Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void topology() throws Exception {
        TopicsProperties topics = TestTopologies.topics();
        Properties settings = TestTopologies.settings("scheduling-test");
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30), Duration.ofHours(1),
                1_000_000);
        driver = new TopologyTestDriver(DecisionTopology.build(topics, HMAC, clock,
                new DecisionMetrics(new SimpleMeterRegistry(), Lane.ORDINARY), tunables, Lane.ORDINARY), settings, START);

        requests = driver.createInputTopic("requests", Serdes.String().serializer(), KairosSerdes.sendMessage().serializer());
        consents = driver.createInputTopic("consents", Serdes.String().serializer(), KairosSerdes.consentState().serializer());
        erasures = driver.createInputTopic("erasures", Serdes.String().serializer(), KairosSerdes.customerErased().serializer());
        outcomes = driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer());
        emails = driver.createOutputTopic("send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer());

        driver.createInputTopic("topics", Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer())
                .pipeInput("promotions", TopicCatalogueEntry.newBuilder().setEventId("e").setTopicId("promotions")
                        .setName("Promotions").setCategory(TopicCategory.MARKETING).setPurpose("promotions")
                        .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(START).build());
        driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                        KairosSerdes.contactPreferences().serializer())
                .pipeInput("c-1", ContactPreferences.newBuilder().setEventId("e").setCustomerId("c-1").setVersion(1)
                        .setUpdatedAt(START).setLocale("fr-FR").setTimeZone("Europe/Paris").setJurisdiction("FR")
                        .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                        .setContactPoints(ContactPoints.newBuilder().setEmail("c1@example.fr").build()).build());
        consents.pipeInput("c-1", consent(ConsentStatus.ACTIVE, 1));
        AvroSerde.of(dev.kairos.proto.dispatch.MessageStatus.class);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aScheduledRequestIsDecidedAgainWhenItsInstantComes() {
        requests.pipeInput("c-1", request("r-1", START.plusSeconds(60)));
        assertThat(outcomes.readValue().getOutcome()).isInstanceOf(MessageScheduled.class);

        advance(Duration.ofSeconds(59));
        assertThat(emails.isEmpty()).isTrue();
        advance(Duration.ofSeconds(1));
        SendApproved sent = emails.readValue();
        assertThat(sent.getRequestId()).isEqualTo("r-1");
        assertThat(sent.getDecidedAt()).isEqualTo(START.plusSeconds(60));
        advance(Duration.ofMinutes(5));
        assertThat(emails.isEmpty()).as("fired once").isTrue();
    }

    @Test
    void aWithdrawalWhileScheduledWins() {
        requests.pipeInput("c-1", request("r-1", START.plusSeconds(60)));
        outcomes.readValue();
        consents.pipeInput("c-1", consent(ConsentStatus.WITHDRAWN, 2));

        advance(Duration.ofSeconds(60));
        assertThat(emails.isEmpty()).isTrue();
        MessageOutcome outcome = outcomes.readValue();
        assertThat(outcome.getOutcome()).isInstanceOf(MessageSuppressed.class);
        assertThat(((MessageSuppressed) outcome.getOutcome()).getReasons()).containsExactly("CONSENT_WITHDRAWN");
    }

    @Test
    void anErasureRemovesTheCustomersSchedulesAndEndsEachWithASuppressedOutcome() {
        requests.pipeInput("c-1", request("r-1", START.plusSeconds(60)));
        requests.pipeInput("c-1", request("r-2", START.plusSeconds(90)));
        outcomes.readValuesToList();
        erasures.pipeInput("c-1", CustomerErased.newBuilder().setEventId("e").setCustomerId("c-1")
                .setErasedAt(START).build());

        List<MessageOutcome> ended = outcomes.readValuesToList();
        assertThat(ended).extracting(MessageOutcome::getRequestId).containsExactlyInAnyOrder("r-1", "r-2");
        for (MessageOutcome outcome : ended) {
            assertThat(outcome.getOutcome()).isInstanceOf(MessageSuppressed.class);
            assertThat(((MessageSuppressed) outcome.getOutcome()).getReasons()).containsExactly("SUPPRESSED");
            assertThat(outcome.toString()).doesNotContain("c1@example.fr").doesNotContain("Bonjour");
        }
        advance(Duration.ofMinutes(2));
        assertThat(emails.isEmpty()).isTrue();
        assertThat(outcomes.isEmpty()).as("nothing fires after the erasure").isTrue();
    }

    @Test
    void aRequestIdIsForgottenAfterItsRetention() {
        requests.pipeInput("c-1", request("r-1", null));
        assertThat(emails.readValue().getRequestId()).isEqualTo("r-1");
        advance(Duration.ofDays(29));
        requests.pipeInput("c-1", request("r-1", null));
        assertThat(emails.isEmpty()).as("a duplicate within 30 days").isTrue();

        advance(Duration.ofDays(2));
        requests.pipeInput("c-1", request("r-1", null));
        assertThat(emails.readValue().getRequestId()).as("forgotten after 30 days").isEqualTo("r-1");
    }

    private void advance(Duration by) {
        clock.now = clock.now.plus(by);
        driver.advanceWallClockTime(by);
    }

    private static SendMessage request(String id, Instant notBefore) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId("c-1").setTopic("promotions")
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("Bonjour").setText("Texte").build()))
                .setNotBefore(notBefore).build();
    }

    private static ConsentState consent(ConsentStatus status, long version) {
        return ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId("c-1").setVersion(version)
                .setUpdatedAt(START).setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                        .setPurpose("promotions").setStatus(status).setBasis(LegalBasis.OPT_IN)
                        .setAddressHmac(HMAC.of("c1@example.fr")).setEntryId("entry-" + version).build()))
                .build();
    }
}
