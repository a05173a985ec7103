package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.messaging.Translation;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.dispatch.rendering.MessageRenderer;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.links.LinkKey;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.DigestItem;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.FrequencyCap;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.preferences.TopicPreference;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digests through the topology, driven by Kafka Streams' test driver: items wait in the digest store, go as
 * one message when the wall clock reaches the digest instant in the customer's zone, take the digest's outcome,
 * count once toward the caps; a withdrawal drops them, a switch back to one message at a time flushes them, an
 * erasure ends them.
 */
class DigestTopologyTest {

    private static final AddressHmac HMAC = new AddressHmac("test-key");
    private static final MessageRenderer RENDERER = new MessageRenderer(new MessageLinks(new SignedLinks(
            "http://localhost:8081", List.of(new LinkKey("d1", "dispatch", new byte[32])), "d1", Clock.systemUTC())));
    /** START is Monday 2026-11-23 11:00 in Paris; the customer's weekly digest is Saturday 09:00 there. */
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant DIGEST_AT = Instant.parse("2026-11-28T08:00:00Z");

    private final SchedulingTopologyTest.MovingClock clock = new SchedulingTopologyTest.MovingClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SendMessage> requests;
    private TestInputTopic<String, ContactPreferences> preferences;
    private TestInputTopic<String, ConsentState> consents;
    private TestInputTopic<String, MessageOutcome> outcomesIn;
    private TestOutputTopic<String, MessageOutcome> outcomes;
    private TestOutputTopic<String, SendApproved> emails;
    private long version;

    @BeforeEach
    void topology() throws Exception {
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30), Duration.ofHours(1),
                1_000_000);
        driver = new TopologyTestDriver(DecisionTopology.build(TestTopologies.topics(), HMAC, clock,
                new DecisionMetrics(meters, Lane.ORDINARY), tunables, Lane.ORDINARY), TestTopologies.settings("digest-test"), START);
        requests = driver.createInputTopic("requests", Serdes.String().serializer(), KairosSerdes.sendMessage().serializer());
        preferences = driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer());
        consents = driver.createInputTopic("consents", Serdes.String().serializer(), KairosSerdes.consentState().serializer());
        outcomesIn = driver.createInputTopic("outcomes", Serdes.String().serializer(),
                KairosSerdes.messageOutcome().serializer());
        outcomes = driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer());
        emails = driver.createOutputTopic("send-email", Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer());
        TestInputTopic<String, TopicCatalogueEntry> catalogue = driver.createInputTopic("topics",
                Serdes.String().serializer(), KairosSerdes.topicCatalogueEntry().serializer());
        for (String topic : List.of("promotions", "news")) {
            catalogue.pipeInput(topic, TopicCatalogueEntry.newBuilder().setEventId("e").setTopicId(topic)
                    .setName(topic.equals("promotions") ? "Promotions" : "News").setCategory(TopicCategory.MARKETING)
                    .setPurpose(topic).setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(START).build());
        }
        preferences.pipeInput("c-1", preferences(weeklyDigest(), null));
        consents.pipeInput("c-1", consent(ConsentStatus.ACTIVE, 1));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void threeItemsGoAsOneMessageAtTheDigestTimeInTheCustomersZoneAndTakeItsOutcome() {
        for (int i = 1; i <= 3; i++) {
            requests.pipeInput("c-1", request("r-" + i, "promotions", "Offre " + i));
        }
        List<MessageOutcome> queued = outcomes.readValuesToList();
        assertThat(queued).hasSize(3).allSatisfy(o -> {
            MessageQueuedForDigest q = (MessageQueuedForDigest) o.getOutcome();
            assertThat(q.getDigestAt()).isEqualTo(DIGEST_AT);
            assertThat(q.getDigestId()).isEqualTo("digest/c-1/promotions/EMAIL/" + DIGEST_AT.toEpochMilli());
        });
        assertThat(status("r-2").getStatus()).isEqualTo("QUEUED_FOR_DIGEST");
        assertThat(status("r-2").getScheduledFor()).isEqualTo(DIGEST_AT);
        assertThat(meters.get("kairos.dispatch.digests.backlog").tag("lane", "ordinary").gauge().value()).isEqualTo(3);

        advance(Duration.between(START, DIGEST_AT).minusSeconds(1));
        assertThat(emails.isEmpty()).as("not before the digest time").isTrue();
        advance(Duration.ofSeconds(1));

        List<SendApproved> sent = emails.readValuesToList();
        assertThat(sent).hasSize(1);
        SendApproved digest = sent.get(0);
        assertThat(digest.getRequestId()).isEqualTo("digest/c-1/promotions/EMAIL/" + DIGEST_AT.toEpochMilli());
        assertThat(digest.getAddress()).isEqualTo("c1@example.fr");
        // The engine only decides: the digest carries its items as templates, rendered by the channel end.
        assertThat(digest.getText()).isNull();
        assertThat(digest.getPersonalisation().getDigestTopicName()).isEqualTo("Promotions");
        assertThat(digest.getPersonalisation().getDigestItems()).extracting(DigestItem::getRequestId)
                .containsExactly("r-1", "r-2", "r-3");
        Outgoing rendered = Translation.outgoing(digest, RENDERER);
        assertThat(rendered.subject()).isEqualTo("Votre récapitulatif « Promotions » : 3 messages");
        assertThat(rendered.text()).startsWith("Bonjour Madame Durand,")
                .contains("1. Offre 1 pour Mme Durand\nTexte de Offre 1", "2. Offre 2", "3. Offre 3");
        assertThat(rendered.unsubscribeUrl()).startsWith("http://localhost:8081/u/");
        assertThat(meters.get("kairos.dispatch.digests.backlog").tag("lane", "ordinary").gauge().value()).isZero();

        // The email sender records the digest as sent: each request listed gets that outcome.
        outcomesIn.pipeInput("c-1", outcome(digest.getRequestId(), new MessageSent(Channel.EMAIL, "smtp-1")));
        assertThat(outcomes.readValuesToList()).filteredOn(o -> o.getOutcome() instanceof MessageSent)
                .extracting(MessageOutcome::getRequestId).containsExactlyInAnyOrder("r-1", "r-2", "r-3");
        assertThat(status("r-1").getStatus()).isEqualTo("SENT");
        assertThat(status("r-3").getChannel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void anOutcomeWhoseIdOnlyLooksLikeADigestsIsPassedOver() {
        outcomesIn.pipeInput("c-1", outcome("digest/not-a-number", new MessageSent(Channel.EMAIL, "smtp-1")));
        outcomesIn.pipeInput("c-1", outcome("digest/c-1/promotions/EMAIL/42", new MessageSent(Channel.EMAIL, "smtp-1")));

        assertThat(outcomes.isEmpty()).isTrue();
        requests.pipeInput("c-1", request("r-1", "promotions", "Offre 1"));
        assertThat(status("r-1").getStatus()).isEqualTo("QUEUED_FOR_DIGEST");
    }

    @Test
    void aWithdrawalBetweenItemsDropsTheDigest() {
        requests.pipeInput("c-1", request("r-1", "promotions", "Offre 1"));
        requests.pipeInput("c-1", request("r-2", "promotions", "Offre 2"));
        consents.pipeInput("c-1", consent(ConsentStatus.WITHDRAWN, 2));
        requests.pipeInput("c-1", request("r-3", "promotions", "Offre 3"));
        assertThat(status("r-3").getStatus()).isEqualTo("SUPPRESSED");
        outcomes.readValuesToList();

        advance(Duration.between(START, DIGEST_AT));

        assertThat(emails.isEmpty()).isTrue();
        List<MessageOutcome> ended = outcomes.readValuesToList();
        assertThat(ended).extracting(MessageOutcome::getRequestId).containsExactlyInAnyOrder("r-1", "r-2");
        assertThat(ended).allSatisfy(o -> assertThat(((MessageSuppressed) o.getOutcome()).getReasons())
                .containsExactly("CONSENT_WITHDRAWN"));
        assertThat(status("r-1").getStatus()).isEqualTo("SUPPRESSED");
    }

    @Test
    void switchingTheTopicBackToOneMessageAtATimeFlushesWhatWaits() {
        requests.pipeInput("c-1", request("r-1", "promotions", "Offre 1"));
        requests.pipeInput("c-1", request("r-2", "promotions", "Offre 2"));

        preferences.pipeInput("c-1", preferences(null, null));
        advance(Duration.ofMillis(250));

        assertThat(emails.readValuesToList()).extracting(SendApproved::getRequestId).containsExactly("r-1", "r-2");
        advance(Duration.between(START, DIGEST_AT));
        assertThat(emails.isEmpty()).as("no digest left").isTrue();
    }

    @Test
    void aNewDigestTimeMovesWhatWaits() {
        requests.pipeInput("c-1", request("r-1", "promotions", "Offre 1"));
        outcomes.readValuesToList();

        // Daily at 18:00 instead: today, Monday 2026-11-23, 18:00 in Paris.
        preferences.pipeInput("c-1", preferences(new Digest(Period.DAY, null, "18:00"), null));
        advance(Duration.ofMillis(250));

        Instant monday = Instant.parse("2026-11-23T17:00:00Z");
        assertThat(((MessageQueuedForDigest) outcomes.readValue().getOutcome()).getDigestAt()).isEqualTo(monday);
        advance(Duration.between(clock.now, monday));
        assertThat(emails.readValue().getRequestId()).isEqualTo("digest/c-1/promotions/EMAIL/" + monday.toEpochMilli());
    }

    @Test
    void aDigestCountsOnceTowardTheCaps() {
        preferences.pipeInput("c-1", preferences(weeklyDigest(), new FrequencyCap(2, Period.WEEK)));
        for (int i = 1; i <= 3; i++) {
            requests.pipeInput("c-1", request("r-" + i, "promotions", "Offre " + i));
        }
        advance(Duration.between(START, DIGEST_AT));
        assertThat(emails.readValuesToList()).hasSize(1);

        requests.pipeInput("c-1", request("news-1", "news", "Nouvelles"));
        requests.pipeInput("c-1", request("news-2", "news", "Nouvelles"));

        assertThat(emails.readValuesToList()).extracting(SendApproved::getRequestId).as("the digest counted once")
                .containsExactly("news-1");
        assertThat(status("news-2").getReasons()).containsExactly("FREQUENCY_CAP");
    }

    @Test
    void anErasureEndsWhatWaitsForTheCustomersDigests() {
        requests.pipeInput("c-1", request("r-1", "promotions", "Offre 1"));
        outcomes.readValuesToList();

        driver.createInputTopic("erasures", Serdes.String().serializer(), KairosSerdes.customerErased().serializer())
                .pipeInput("c-1", CustomerErased.newBuilder().setEventId("e").setCustomerId("c-1").setErasedAt(START).build());

        MessageOutcome ended = outcomes.readValue();
        assertThat(ended.getRequestId()).isEqualTo("r-1");
        assertThat(((MessageSuppressed) ended.getOutcome()).getReasons()).containsExactly("SUPPRESSED");
        advance(Duration.between(START, DIGEST_AT));
        assertThat(emails.isEmpty()).isTrue();
    }

    // ---- helpers ----

    private void advance(Duration by) {
        clock.now = clock.now.plus(by);
        driver.advanceWallClockTime(by);
    }

    private MessageStatus status(String requestId) {
        ValueAndTimestamp<MessageStatus> value = driver.<String, MessageStatus>getTimestampedKeyValueStore(
                StoreNames.MESSAGE_STATUS).get(requestId);
        return value == null ? null : value.value();
    }

    private static Digest weeklyDigest() {
        return new Digest(Period.WEEK, "SATURDAY", "09:00");
    }

    private ContactPreferences preferences(Digest digest, FrequencyCap overallCap) {
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId("c-1")
                .setVersion(++version).setUpdatedAt(START).setLocale("fr-FR").setTimeZone("Europe/Paris")
                .setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.MRS).setGivenName("Camille")
                        .setFamilyName("Durand").build())
                .setContactPoints(ContactPoints.newBuilder().setEmail("c1@example.fr").build())
                .setTopics(digest == null ? Map.of() : Map.of("promotions", TopicPreference.newBuilder()
                        .setChannels(List.of(Channel.EMAIL)).setDigest(digest).build()))
                .setOverallCap(overallCap)
                .build();
    }

    private static SendMessage request(String id, String topic, String subject) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId("c-1").setTopic(topic).setCampaignId("camp-" + id)
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject(subject + " pour Mme {{familyName}}")
                        .setText("Texte de " + subject).build()))
                .build();
    }

    private static MessageOutcome outcome(String requestId, Object event) {
        return MessageOutcome.newBuilder().setEventId(UUID.randomUUID().toString()).setRequestId(requestId)
                .setCustomerId("c-1").setTopic("promotions").setOccurredAt(DIGEST_AT).setOutcome(event).build();
    }

    private static ConsentState consent(ConsentStatus status, long version) {
        return ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId("c-1").setVersion(version)
                .setUpdatedAt(START).setConsents(List.of("promotions", "news").stream().map(purpose ->
                        ChannelConsent.newBuilder().setChannel(Channel.EMAIL).setPurpose(purpose).setStatus(status)
                                .setBasis(LegalBasis.OPT_IN).setAddressHmac(HMAC.of("c1@example.fr"))
                                .setEntryId("entry-" + version).build()).toList())
                .build();
    }
}
