package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.QuietHours;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed channel's fallback through the decision topology (ADR 0048): what a send carries, the one sealed
 * fallback per request and failed channel that passes the request-id check, and what does not.
 */
class FallbackTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final FallbackSeal SEAL = new FallbackSeal("dispatch-instances-key-of-32-bytes".getBytes(StandardCharsets.US_ASCII));
    private static final FallbackSeal FORGER = new FallbackSeal("a-campaign-system-guessing-a-key".getBytes(StandardCharsets.US_ASCII));

    private final SchedulingTopologyTest.MovingClock clock = new SchedulingTopologyTest.MovingClock();
    private TopologyTestDriver driver;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() throws Exception {
        clock.now = NOW;
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30),
                Duration.ofHours(1), 100_000, EngineSettings.STATUS_RETENTION, Duration.ofHours(1),
                EngineSettings.CONFIRMATION_TOPIC, SEAL);
        meters = new SimpleMeterRegistry();
        driver = new TopologyTestDriver(DecisionTopology.build(TestTopologies.topics(), new AddressHmac("test-key"),
                clock, new DecisionMetrics(meters, Lane.PRIORITY), tunables,
                Lane.PRIORITY), TestTopologies.settings("fallback-test"), NOW);
        driver.createInputTopic("topics", Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer())
                .pipeInput("orders", TopicCatalogueEntry.newBuilder().setEventId("e-orders").setTopicId("orders")
                        .setName("Orders").setCategory(TopicCategory.SERVICE).setPurpose("orders").setUrgent(true)
                        .setDefaultChannels(List.of(Channel.EMAIL, Channel.SMS)).setUpdatedAt(NOW).build());
        // Not urgent: the customer's quiet hours hold it.
        driver.createInputTopic("topics", Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer())
                .pipeInput("notices", TopicCatalogueEntry.newBuilder().setEventId("e-notices").setTopicId("notices")
                        .setName("Notices").setCategory(TopicCategory.SERVICE).setPurpose("notices").setUrgent(false)
                        .setDefaultChannels(List.of(Channel.EMAIL, Channel.SMS)).setUpdatedAt(NOW).build());
        driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer()).pipeInput("c-1", ContactPreferences.newBuilder()
                .setEventId("e").setCustomerId("c-1").setVersion(1).setUpdatedAt(NOW).setLocale("fr-FR")
                .setTimeZone("Europe/Paris").setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setChannelPriority(List.of(Channel.EMAIL, Channel.SMS))
                // No texts from 08:00 to 12:00 Paris time; NOW is 11:00 there.
                .setQuietHours(List.of(QuietHours.newBuilder().setFrom("08:00").setTo("12:00")
                        .setChannels(List.of(Channel.SMS)).build()))
                .setContactPoints(ContactPoints.newBuilder().setEmail("c-1@example.fr").setSms("+33612345678").build())
                .build());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aFirstAvailableSendCarriesTheRequestNarrowedToTheChannelsLeft() {
        inbox().pipeInput("c-1", request("r-1", Delivery.FIRST_AVAILABLE, Channel.EMAIL, Channel.SMS));

        SendApproved email = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValue();
        SendMessage fallback = email.getFallback();
        assertThat(fallback.getRequestId()).isEqualTo("r-1");
        assertThat(fallback.getChannels()).containsExactly(Channel.SMS);
        assertThat(fallback.getContent()).containsOnlyKeys("SMS");
        assertThat(fallback.getContent().get("SMS").getText()).isEqualTo("Votre colis {{parcel}} arrive");
        assertThat(fallback.getVariables()).containsEntry("parcel", "P-42");
    }

    @Test
    void requestsForEveryChannelOrWithOneChannelCarryNone() {
        inbox().pipeInput("c-1", request("r-all", Delivery.ALL, Channel.EMAIL, Channel.SMS));
        inbox().pipeInput("c-1", request("r-one", Delivery.FIRST_AVAILABLE, Channel.EMAIL));

        List<SendApproved> emails = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValuesToList();
        assertThat(emails).extracting(SendApproved::getRequestId).containsExactly("r-all", "r-one");
        assertThat(emails).allSatisfy(s -> assertThat(s.getFallback()).isNull());
        assertThat(driver.createOutputTopic("priority-send-sms", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValue().getFallback()).isNull();
    }

    @Test
    void theSealedFallbackIsDecidedOnceAndNothingElsePassesTheRequestId() {
        inbox().pipeInput("c-1", request("r-1", Delivery.FIRST_AVAILABLE, Channel.EMAIL, Channel.SMS));
        SendApproved email = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValue();
        SendMessage fallback = email.getFallback();

        // An outside writer: the same request id, unsealed, then with a seal made under another key.
        inbox().pipeInput("c-1", fallback);
        inbox().pipeInput(new TestRecord<>("c-1", fallback, sealed(FORGER, fallback, email)));
        // A valid seal moved onto another channel list: the seal covers the channels.
        SendMessage widened = SendMessage.newBuilder(fallback).setChannels(List.of(Channel.SMS, Channel.EMAIL)).build();
        inbox().pipeInput(new TestRecord<>("c-1", widened, sealed(SEAL, fallback, email)));
        assertThat(driver.createOutputTopic("priority-send-sms", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).isEmpty()).isTrue();
        assertThat(driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).isEmpty()).isTrue();

        // What the channel end writes after the email failed: decided anew, sent on SMS, counted once.
        inbox().pipeInput(new TestRecord<>("c-1", fallback, sealed(SEAL, fallback, email)));
        // The same record again (a replay): nothing.
        inbox().pipeInput(new TestRecord<>("c-1", fallback, sealed(SEAL, fallback, email)));

        List<TestRecord<String, SendApproved>> sms = driver.createOutputTopic("priority-send-sms",
                Serdes.String().deserializer(), KairosSerdes.sendApproved().deserializer()).readRecordsToList();
        assertThat(sms).singleElement().satisfies(r -> {
            assertThat(r.value().getRequestId()).isEqualTo("r-1");
            assertThat(r.value().getAddress()).isEqualTo("+33612345678");
            assertThat(r.value().getText()).as("the template, rendered at the channel end")
                    .isEqualTo("Votre colis {{parcel}} arrive");
            assertThat(r.value().getPersonalisation().getVariables()).containsEntry("parcel", "P-42");
            assertThat(r.value().getFallback()).as("no channel left").isNull();
            assertThat(r.headers().lastHeader(FallbackSeal.HEADER)).as("the seal is not passed on").isNull();
        });
        List<SentMessage> history = driver.<String, List<SentMessage>>getKeyValueStore(StoreNames.SEND_HISTORY).get("c-1");
        assertThat(history).as("one message, one entry toward the caps").hasSize(1);
        assertThat(meters.counter("kairos.dispatch.fallbacks", "lane", Lane.PRIORITY.tag(), "from", "EMAIL", "to", "SMS")
                .count()).isEqualTo(1.0);
        assertThat(driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer()).readValuesToList()).extracting(MessageOutcome::getRequestId)
                .isEmpty();
    }

    @Test
    void aFallbackWithNoUsableChannelLeavesTheRequestAsItsFailureLeftIt() {
        inbox().pipeInput("c-1", request("r-1", Delivery.FIRST_AVAILABLE, Channel.EMAIL, Channel.SMS));
        SendApproved email = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValue();
        // The customer's number is gone by the time the email fails.
        driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer()).pipeInput("c-1", ContactPreferences.newBuilder()
                .setEventId("e2").setCustomerId("c-1").setVersion(2).setUpdatedAt(NOW).setLocale("fr-FR")
                .setTimeZone("Europe/Paris").setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).build())
                .setChannelPriority(List.of(Channel.EMAIL, Channel.SMS))
                .setContactPoints(ContactPoints.newBuilder().setEmail("c-1@example.fr").build()).build());

        inbox().pipeInput(new TestRecord<>("c-1", email.getFallback(), sealed(SEAL, email.getFallback(), email)));

        assertThat(driver.createOutputTopic("priority-send-sms", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).isEmpty()).isTrue();
        assertThat(driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer()).isEmpty()).as("no SUPPRESSED after the FAILED").isTrue();
        assertThat(meters.counter("kairos.dispatch.fallbacks", "lane", Lane.PRIORITY.tag(), "from", "EMAIL", "to", "NONE")
                .count()).isEqualTo(1.0);
    }

    @Test
    void aFallbackHeldByQuietHoursFiresOnceAndStillCountsOnce() {
        SendMessage request = SendMessage.newBuilder(request("r-q", Delivery.FIRST_AVAILABLE, Channel.EMAIL, Channel.SMS))
                .setTopic("notices").build();
        inbox().pipeInput("c-1", request);
        SendApproved email = driver.createOutputTopic("priority-send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValue();

        inbox().pipeInput(new TestRecord<>("c-1", email.getFallback(), sealed(SEAL, email.getFallback(), email)));

        MessageOutcome scheduled = driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer()).readValue();
        assertThat(scheduled.getOutcome()).isInstanceOfSatisfying(MessageScheduled.class, s -> {
            assertThat(s.getChannel()).isEqualTo(Channel.SMS);
            assertThat(s.getScheduledFor()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        });
        assertThat(history()).hasSize(1);

        clock.now = clock.now.plus(Duration.ofHours(1));
        driver.advanceWallClockTime(Duration.ofHours(1));

        List<SendApproved> sms = driver.createOutputTopic("priority-send-sms", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer()).readValuesToList();
        assertThat(sms).extracting(SendApproved::getRequestId).containsExactly("r-q");
        assertThat(history()).as("the message's one entry moved to the send that took over").hasSize(1)
                .singleElement().satisfies(h -> assertThat(h.at()).isEqualTo(clock.now));
    }

    private List<SentMessage> history() {
        return driver.<String, List<SentMessage>>getKeyValueStore(StoreNames.SEND_HISTORY).get("c-1");
    }

    private static RecordHeaders sealed(FallbackSeal seal, SendMessage fallback, SendApproved failed) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FallbackSeal.HEADER, seal.seal(fallback.getRequestId(), fallback.getCustomerId(), fallback.getTopic(),
                failed.getChannel().name(), failed.getDecidedAt(), Fallbacks.channelNames(fallback))
                .getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    private TestInputTopic<String, SendMessage> inbox() {
        return driver.createInputTopic("priority-requests", Serdes.String().serializer(),
                KairosSerdes.sendMessage().serializer());
    }

    private static SendMessage request(String id, Delivery delivery, Channel... channels) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId("c-1").setTopic("orders")
                .setChannels(List.of(channels)).setDelivery(delivery).setVariables(Map.of("parcel", "P-42"))
                .setContent(Map.of(
                        "EMAIL", MessageContent.newBuilder().setSubject("Votre colis").setText("Colis {{parcel}}").build(),
                        "SMS", MessageContent.newBuilder().setText("Votre colis {{parcel}} arrive").build()))
                .build();
    }
}
