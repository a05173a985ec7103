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
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a request becomes when it arrives on the inbox, before it is decided ({@link Admission}): a named template
 * taken in the customer's language, an unknown one rejected, and a MARKETING request's default expiry. The REST
 * side of the same rules is in {@code TemplatesIT}.
 */
class AdmissionTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final AddressHmac HMAC = new AddressHmac("test-key");
    private static final MessageRenderer RENDERER = new MessageRenderer(new MessageLinks(new SignedLinks(
            "http://localhost:8081", List.of(new LinkKey("d1", "dispatch", new byte[32])), "d1", Clock.systemUTC())));
    private TopologyTestDriver driver;
    private TestInputTopic<String, SendMessage> requests;
    private TestOutputTopic<String, MessageOutcome> outcomes;
    private TestOutputTopic<String, SendApproved> emails;

    @BeforeEach
    void topology() throws Exception {
        start(Lane.ORDINARY);
    }

    /** The topology of one lane, with the catalogue, two customers, their consents and a template. */
    private void start(Lane lane) throws Exception {
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30), Duration.ofHours(1),
                1_000_000);
        driver = new TopologyTestDriver(DecisionTopology.build(TestTopologies.topics(), HMAC,
                Clock.fixed(NOW, ZoneOffset.UTC), new DecisionMetrics(new SimpleMeterRegistry(), lane), tunables, lane),
                TestTopologies.settings("admission-test"), NOW);
        requests = driver.createInputTopic(lane.inbox(), Serdes.String().serializer(), KairosSerdes.sendMessage().serializer());
        outcomes = driver.createOutputTopic("outcomes", Serdes.String().deserializer(),
                KairosSerdes.messageOutcome().deserializer());
        emails = driver.createOutputTopic(lane.sendQueue(Channel.EMAIL), Serdes.String().deserializer(),
                KairosSerdes.sendApproved().deserializer());
        var catalogue = driver.createInputTopic("topics", Serdes.String().serializer(),
                KairosSerdes.topicCatalogueEntry().serializer());
        catalogue.pipeInput("promotions", topic("promotions", TopicCategory.MARKETING));
        catalogue.pipeInput("orders", topic("orders", TopicCategory.SERVICE));
        var preferences = driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer());
        preferences.pipeInput("c-fr", customer("c-fr", "fr-FR", Title.MRS));
        preferences.pipeInput("c-en", customer("c-en", "en-GB", Title.MR));
        var consents = driver.createInputTopic("consents", Serdes.String().serializer(),
                KairosSerdes.consentState().serializer());
        consents.pipeInput("c-fr", consent("c-fr"));
        consents.pipeInput("c-en", consent("c-en"));
        driver.createInputTopic("templates", Serdes.String().serializer(), KairosSerdes.messageTemplate().serializer())
                .pipeInput("welcome", MessageTemplate.newBuilder().setEventId("e").setTemplateId("welcome")
                        .setDefaultLocale("en").setVariables(List.of("code")).setUpdatedAt(NOW)
                        .setLocales(Map.of(
                                "en", Map.of("EMAIL", new MessageContent("{{salutation}}, your code", "Use {{code}}.", null)),
                                "fr", Map.of("EMAIL", new MessageContent("{{salutation}}, votre code", "Utilisez {{code}}.", null)),
                                "de", Map.of("SMS", new MessageContent(null, "Code {{code}}", null))))
                        .build());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aNamedTemplateIsTakenInTheCustomersLanguageAndRenderedByTheChannelEnd() {
        requests.pipeInput("c-fr", named("r-fr", "c-fr", "welcome").build());
        requests.pipeInput("c-en", named("r-en", "c-en", "welcome").build());

        List<Outgoing> sent = emails.readValuesToList().stream().map(s -> Translation.outgoing(s, RENDERER)).toList();
        assertThat(sent).extracting(Outgoing::subject)
                .containsExactly("Bonjour Madame Durand, votre code", "Dear Mr Durand, your code");
        assertThat(sent).extracting(Outgoing::text).containsExactly("Utilisez X-42.", "Use X-42.");
    }

    @Test
    void anUnknownTemplateIsRejectedAsAnInvalidTemplateNamingTheField() {
        requests.pipeInput("c-fr", named("r-unknown", "c-fr", "farewell").build());

        MessageOutcome outcome = outcomes.readValue();
        assertThat(outcome.getOutcome()).isInstanceOf(MessageRejected.class);
        MessageRejected rejected = (MessageRejected) outcome.getOutcome();
        assertThat(rejected.getReasons()).containsExactly("INVALID_TEMPLATE");
        assertThat(rejected.getDetail()).startsWith("templateId: is not a stored template");
        assertThat(emails.isEmpty()).isTrue();
    }

    @Test
    void aChannelTheTemplateLacksIsNotReachable() {
        driver.createInputTopic("contact-preferences", Serdes.String().serializer(),
                KairosSerdes.contactPreferences().serializer()).pipeInput("c-fr", ContactPreferences.newBuilder(
                        customer("c-fr", "de-DE", Title.MRS)).setVersion(2).build());

        // The German version has only a text message; the customer has only an email address.
        requests.pipeInput("c-fr", named("r-de", "c-fr", "welcome").build());

        MessageSuppressed suppressed = (MessageSuppressed) outcomes.readValue().getOutcome();
        assertThat(suppressed.getReasons()).containsExactly("NO_REACHABLE_CHANNEL");
    }

    @Test
    void aMarketingRequestWithoutExpiryExpiresSevenDaysAfterNotBeforeOrAcceptance() {
        requests.pipeInput("c-fr", named("r-old-not-before", "c-fr", "welcome")
                .setNotBefore(NOW.minus(Duration.ofDays(7)).minusSeconds(1)).build());
        requests.pipeInput("c-fr", named("r-old-received", "c-fr", "welcome")
                .setReceivedAt(NOW.minus(Duration.ofDays(7))).build());
        requests.pipeInput("c-fr", named("r-recent", "c-fr", "welcome")
                .setNotBefore(NOW.minus(Duration.ofDays(6))).build());

        assertThat(outcomes.readValuesToList()).extracting(o -> o.getRequestId() + " " + o.getOutcome().getClass().getSimpleName())
                .containsExactly("r-old-not-before MessageExpired", "r-old-received MessageExpired");
        SendApproved recent = emails.readValue();
        assertThat(recent.getRequestId()).isEqualTo("r-recent");
        assertThat(recent.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aServiceRequestGetsNoDefaultExpiry() throws Exception {
        driver.close();
        start(Lane.PRIORITY);
        requests.pipeInput("c-fr", named("r-service", "c-fr", "welcome").setTopic("orders")
                .setNotBefore(NOW.minus(Duration.ofDays(8))).build());

        SendApproved sent = emails.readValue();
        assertThat(sent.getRequestId()).isEqualTo("r-service");
        assertThat(sent.getExpiresAt()).isNull();
        assertThat(outcomes.isEmpty()).isTrue();
    }

    private static SendMessage.Builder named(String id, String customer, String template) {
        return SendMessage.newBuilder().setRequestId(id).setCustomerId(customer).setTopic("promotions")
                .setTemplateId(template).setVariables(Map.of("code", "X-42"));
    }

    private static TopicCatalogueEntry topic(String id, TopicCategory category) {
        return TopicCatalogueEntry.newBuilder().setEventId("e").setTopicId(id).setName(id).setCategory(category)
                .setPurpose(id).setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(NOW).build();
    }

    private static ContactPreferences customer(String id, String locale, Title title) {
        return ContactPreferences.newBuilder().setEventId("e").setCustomerId(id).setVersion(1).setUpdatedAt(NOW)
                .setLocale(locale).setTimeZone("Europe/Paris").setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(title).setFamilyName("Durand").build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(id + "@example.fr").build()).build();
    }

    private static ConsentState consent(String customer) {
        return ConsentState.newBuilder().setEventId("e").setCustomerId(customer).setVersion(1).setUpdatedAt(NOW)
                .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL).setPurpose("promotions")
                        .setStatus(ConsentStatus.ACTIVE).setBasis(LegalBasis.OPT_IN)
                        .setAddressHmac(HMAC.of(customer + "@example.fr")).setEntryId("entry").build()))
                .build();
    }
}
