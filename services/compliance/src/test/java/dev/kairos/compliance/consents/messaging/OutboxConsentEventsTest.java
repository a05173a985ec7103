package dev.kairos.compliance.consents.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.consents.CustomerConsents;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxConsentEventsTest {

    @Test
    void theSnapshotCarriesEveryConsentWithItsAddressHmacButNotTheAddress() {
        UUID smsEntry = UUID.randomUUID();
        UUID emailEntry = UUID.randomUUID();
        CustomerConsents consents = new CustomerConsents("c-42", 7, Instant.parse("2026-11-23T10:15:31Z"), List.of(
                new Consent(Channel.EMAIL, "newsletter", ConsentStatus.PENDING_CONFIRMATION, LegalBasis.OPT_IN,
                        "ada@example.com", "e".repeat(64), emailEntry, null),
                new Consent(Channel.SMS, "promotions", ConsentStatus.WITHDRAWN, null, "+33612345678", "f".repeat(64),
                        smsEntry, Instant.parse("2029-11-23T10:15:30Z"))));

        byte[] encoded = KairosSerdes.consentState().encode(OutboxConsentEvents.record(consents, "event-7"));
        ConsentState published = KairosSerdes.consentState().decode(encoded);

        assertThat(published.getEventId()).isEqualTo("event-7");
        assertThat(published.getCustomerId()).isEqualTo("c-42");
        assertThat(published.getVersion()).isEqualTo(7);
        assertThat(published.getUpdatedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:31Z"));
        assertThat(published.getConsents()).containsExactly(
                ChannelConsent.newBuilder().setChannel(dev.kairos.proto.common.Channel.EMAIL).setPurpose("newsletter")
                        .setStatus(dev.kairos.proto.compliance.ConsentStatus.PENDING_CONFIRMATION)
                        .setBasis(dev.kairos.proto.compliance.LegalBasis.OPT_IN).setAddressHmac("e".repeat(64))
                        .setExpiresAt(null).setEntryId(emailEntry.toString()).build(),
                ChannelConsent.newBuilder().setChannel(dev.kairos.proto.common.Channel.SMS).setPurpose("promotions")
                        .setStatus(dev.kairos.proto.compliance.ConsentStatus.WITHDRAWN).setBasis(null)
                        .setAddressHmac("f".repeat(64)).setExpiresAt(Instant.parse("2029-11-23T10:15:30Z"))
                        .setEntryId(smsEntry.toString()).build());
        assertThat(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("ada@example.com").doesNotContain("33612345678");
    }

    @Test
    void everyConsentStatusHasItsPublishedCounterpart() {
        for (ConsentStatus status : ConsentStatus.values()) {
            assertThat(dev.kairos.proto.compliance.ConsentStatus.valueOf(status.name())).isNotNull();
        }
    }
}
