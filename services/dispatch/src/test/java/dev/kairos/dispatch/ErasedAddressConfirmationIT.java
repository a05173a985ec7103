package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
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

/**
 * An address erased at its owner's request stays on the do-not-contact list, yet a fresh opt-in for it needs its
 * double opt-in confirmation to arrive: dispatch lets exactly that message through, and only while the grant it
 * confirms awaits it.
 */
class ErasedAddressConfirmationIT extends DecisionFlowContext {

    private static final String ADDRESS = "back-" + RUN + "@example.fr";
    private static final String RETURNING = "c-returning-" + RUN;
    private static final String STRANGER = "c-stranger-" + RUN;

    @Test
    void theConfirmationOfAFreshGrantReachesAnErasedAddressAndNothingElseDoes() throws Exception {
        AddressHmac hmac = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "consent-confirmation", KairosSerdes
                    .topicCatalogueEntry().encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setTopicId("consent-confirmation").setName("Consent confirmation")
                            .setCategory(TopicCategory.SERVICE).setPurpose("consent-confirmation").setUrgent(true)
                            .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build()))).get();
            producer.send(new ProducerRecord<>(topics.name("suppressions"), hmac.of(ADDRESS), KairosSerdes.suppression()
                    .encode(Suppression.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setAddressHmac(hmac.of(ADDRESS)).setReason(SuppressionReason.ERASURE)
                            .setSince(Instant.now()).build()))).get();
            producer.send(new ProducerRecord<>(topics.name("consents"), RETURNING, KairosSerdes.consentState()
                    .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(RETURNING)
                            .setVersion(1).setUpdatedAt(Instant.now())
                            .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                                    .setPurpose("promotions").setStatus(ConsentStatus.PENDING_CONFIRMATION)
                                    .setBasis(LegalBasis.OPT_IN).setAddressHmac(hmac.of(ADDRESS))
                                    .setEntryId("entry-pending-" + RUN).build()))
                            .build()))).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api().exportOf(RETURNING).has("consents"));

        // Someone without a grant awaiting confirmation for the address: the erasure holds.
        String refused = "consent-confirmation:" + STRANGER;
        assertThat(api().post(confirmation(refused, STRANGER)).statusCode()).isEqualTo(202);
        assertThat(awaitFinal(refused)).contains("\"status\":\"SUPPRESSED\"").contains("SUPPRESSED");
        assertThat(Files.exists(eml(refused))).isFalse();

        // The customer who opted in again: the confirmation goes, naming the grant it confirms.
        String confirmation = "consent-confirmation:entry-pending-" + RUN;
        assertThat(api().post(confirmation(confirmation, RETURNING)).statusCode()).isEqualTo(202);
        assertThat(awaitFinal(confirmation)).contains("\"status\":\"SENT\"")
                .contains("\"consentEntryId\":\"entry-pending-" + RUN + "\"");
        assertThat(Files.readString(eml(confirmation))).contains("To: " + ADDRESS);
    }

    private String awaitFinal(String requestId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(api().status(requestId))
                .matches("(?s).*\"status\":\"(SENT|SUPPRESSED)\".*"));
        return String.valueOf(api().status(requestId));
    }

    private static Path eml(String requestId) {
        return SINKS.resolve("email").resolve(requestId.replace(':', '_') + ".email.eml");
    }

    private static String confirmation(String requestId, String customerId) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "consent-confirmation", "channels": ["EMAIL"],
                 "recipientAddress": "%s",
                 "content": {"EMAIL": {"subject": "Confirmez / Confirm", "text": "Confirmez : https://example.fr/c/x"}}}"""
                .formatted(requestId, customerId, ADDRESS);
    }

}
