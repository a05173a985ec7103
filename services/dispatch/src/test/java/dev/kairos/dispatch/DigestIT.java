package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.preferences.TopicPreference;
import dev.kairos.proto.serde.KairosSerdes;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Digests as a campaign system and a customer see them, through a real broker: the status API and the email
 * that reaches the local sink. The customer, in New York, takes the "newsletter" topic as a daily digest at
 * 07:30 their time; the test moves dispatch's clock to that instant instead of waiting for it.
 */
class DigestIT extends DecisionFlowContext {

    private static final String TOPIC = "newsletter-" + RUN;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime DIGEST_TIME = LocalTime.of(7, 30);
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);

    @Autowired
    MovableClock clock;

    @AfterEach
    void backToTheSystemClock() {
        clock.reset();
    }

    @Test
    void threeDigestItemsArriveAsOneMessageAtTheChosenTimeInTheCustomersZone() throws Exception {
        String customer = customer("c-digest-");
        Instant digestAt = nextDigest();
        List<String> ids = List.of(1, 2, 3).stream().map(i -> customer + ":tip-" + i).toList();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(api().post(message(ids.get(i), customer, "Tip " + (i + 1))).statusCode()).isEqualTo(202);
        }
        for (String id : ids) {
            JsonNode queued = awaitStatus(id, "QUEUED_FOR_DIGEST");
            assertThat(Instant.parse(queued.get("scheduledFor").asText())).isEqualTo(digestAt);
        }

        clock.jumpTo(digestAt);

        Path digest = SINKS.resolve("email").resolve(("digest/" + customer + "/" + TOPIC + "/EMAIL/"
                + digestAt.toEpochMilli()).replaceAll("[^A-Za-z0-9._-]", "_") + ".email.eml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(digest));
        MimeMessage email = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(digest));
        assertThat(email.getHeader("To", null)).isEqualTo(customer + "@example.com");
        assertThat(email.getSubject()).isEqualTo("Your “Newsletter” digest: 3 messages");
        assertThat(email.getHeader("List-Unsubscribe", null)).startsWith("<http://localhost:8081/u/");
        String text = ((String) ((MimeMultipart) email.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).startsWith("Dear Dr Okafor,\n\nHere are the 3 “Newsletter” messages of the period.")
                .contains("1. Tip 1\nDear Dr Okafor, read on.", "2. Tip 2", "3. Tip 3");
        for (String id : ids) {
            JsonNode sent = awaitStatus(id, "SENT");
            assertThat(sent.get("history").findValuesAsString("event"))
                    .containsExactly("MessageQueuedForDigest", "MessageSent");
        }
        try (Stream<Path> mails = Files.list(SINKS.resolve("email"))) {
            assertThat(mails.map(p -> p.getFileName().toString()).filter(name -> name.contains(customer)))
                    .as("one message, not three").containsExactly(digest.getFileName().toString());
        }
    }

    @Test
    void aWithdrawalBetweenItemsDropsTheDigest() throws Exception {
        String customer = customer("c-digest-withdrawn-");
        Instant digestAt = nextDigest();
        for (String id : List.of(customer + ":1", customer + ":2")) {
            api().post(message(id, customer, "Tip"));
            awaitStatus(id, "QUEUED_FOR_DIGEST");
        }
        publish("consents", customer, KairosSerdes.consentState().encode(consent(customer, ConsentStatus.WITHDRAWN, 2)));
        api().post(message(customer + ":3", customer, "Tip"));
        assertThat(awaitStatus(customer + ":3", "SUPPRESSED").get("reasons").get(0).asText())
                .isEqualTo("CONSENT_WITHDRAWN");

        clock.jumpTo(digestAt);

        for (String id : List.of(customer + ":1", customer + ":2")) {
            assertThat(awaitStatus(id, "SUPPRESSED").get("reasons").get(0).asText()).isEqualTo("CONSENT_WITHDRAWN");
        }
        try (Stream<Path> mails = Files.list(SINKS.resolve("email"))) {
            assertThat(mails.map(p -> p.getFileName().toString()).filter(name -> name.contains(customer))).isEmpty();
        }
    }

    @Test
    void switchingTheTopicBackToOneMessageAtATimeFlushesWhatWaits() throws Exception {
        String customer = customer("c-digest-flushed-");
        List<String> ids = List.of(customer + ":1", customer + ":2");
        for (String id : ids) {
            api().post(message(id, customer, "Tip"));
            awaitStatus(id, "QUEUED_FOR_DIGEST");
        }

        publish("contact-preferences", customer, KairosSerdes.contactPreferences().encode(preferences(customer, false, 2)));

        for (String id : ids) {
            awaitStatus(id, "SENT");
            assertThat(SINKS.resolve("email").resolve(id.replace(':', '_') + ".email.eml")).exists();
        }
    }

    // ---- helpers ----

    /** A customer taking the topic as a digest, with consent, once dispatch's replicas have them. */
    private String customer(String prefix) throws Exception {
        String customer = prefix + RUN;
        publish("topics", TOPIC, KairosSerdes.topicCatalogueEntry().encode(TopicCatalogueEntry.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setTopicId(TOPIC).setName("Newsletter")
                .setCategory(TopicCategory.MARKETING).setPurpose(TOPIC).setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(Instant.now()).build()));
        publish("contact-preferences", customer, KairosSerdes.contactPreferences().encode(preferences(customer, true, 1)));
        publish("consents", customer, KairosSerdes.consentState().encode(consent(customer, ConsentStatus.ACTIVE, 1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(customer).has("consents")
                && api().exportOf(customer).has("contact-preferences"));
        return customer;
    }

    /** The next 07:30 in New York after dispatch's clock. */
    private Instant nextDigest() {
        ZonedDateTime now = clock.instant().atZone(NEW_YORK);
        ZonedDateTime today = now.with(DIGEST_TIME);
        return (today.isAfter(now) ? today : today.plusDays(1).with(DIGEST_TIME)).toInstant();
    }

    private static ContactPreferences preferences(String customer, boolean digest, long version) {
        TopicPreference.Builder choice = TopicPreference.newBuilder().setChannels(List.of(Channel.EMAIL));
        if (digest) {
            choice.setDigest(new Digest(Period.DAY, null, DIGEST_TIME.toString()));
        }
        return ContactPreferences.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(version).setUpdatedAt(Instant.now()).setLocale("en-US").setTimeZone(NEW_YORK.getId())
                .setJurisdiction("US-NY")
                .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.DR).setGivenName("Ada")
                        .setFamilyName("Okafor").build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(customer + "@example.com").build())
                .setTopics(Map.of(TOPIC, choice.build()))
                .build();
    }

    private static ConsentState consent(String customer, ConsentStatus status, long version) {
        return ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                .setVersion(version).setUpdatedAt(Instant.now())
                .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL).setPurpose(TOPIC)
                        .setStatus(status).setBasis(LegalBasis.OPT_IN).setAddressHmac(HMAC.of(customer + "@example.com"))
                        .setEntryId("entry-" + customer + "-" + version).build()))
                .build();
    }

    private void publish(String logicalTopic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name(logicalTopic), key, value)).get();
        }
    }

    private static String message(String id, String customer, String subject) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "%s",
                 "content": {"EMAIL": {"subject": "%s", "text": "{{salutation}}, read on."}}}"""
                .formatted(id, customer, TOPIC, subject);
    }

    private JsonNode awaitStatus(String requestId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(String.valueOf(api().status(requestId))).as("status of %s", requestId)
                        .contains("\"status\":\"" + expected + "\""));
        try {
            return api().status(requestId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
