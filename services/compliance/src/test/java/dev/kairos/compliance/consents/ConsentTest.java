package dev.kairos.compliance.consents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentTest {

    @Test
    void aGrantIsActiveAtOnceUnlessItAwaitsDoubleOptIn() {
        assertThat(ConsentStatus.after(ConsentAction.GRANT.entryType(false))).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(ConsentAction.GRANT.entryType(true)).isEqualTo(EntryType.PENDING_CONFIRMATION);
        assertThat(ConsentStatus.after(ConsentAction.GRANT.entryType(true))).isEqualTo(ConsentStatus.PENDING_CONFIRMATION);
    }

    @Test
    void aWithdrawalOrRefusalLeavesTheConsentWithdrawn() {
        assertThat(ConsentStatus.after(ConsentAction.WITHDRAW.entryType(false))).isEqualTo(ConsentStatus.WITHDRAWN);
        assertThat(ConsentStatus.after(EntryType.REFUSED)).isEqualTo(ConsentStatus.WITHDRAWN);
    }

    @Test
    void confirmingOrExtendingLeavesTheConsentActive() {
        assertThat(ConsentStatus.after(EntryType.CONFIRMED)).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(ConsentStatus.after(EntryType.EXTENDED)).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(ConsentStatus.after(EntryType.EXPIRED)).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void anActiveConsentHasExpiredFromItsExpiryOn() {
        Instant expiry = Instant.parse("2029-11-23T10:15:30Z");
        Consent consent = new Consent(Channel.EMAIL, "promotions", ConsentStatus.ACTIVE, LegalBasis.OPT_IN,
                "ada@example.com", "h", UUID.randomUUID(), expiry);

        assertThat(consent.at(expiry.minusMillis(1)).status()).isEqualTo(ConsentStatus.ACTIVE);
        assertThat(consent.at(expiry).status()).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void aWithdrawnConsentStaysWithdrawnAfterItsExpiry() {
        Instant expiry = Instant.parse("2029-11-23T10:15:30Z");
        Consent consent = new Consent(Channel.EMAIL, "promotions", ConsentStatus.WITHDRAWN, null, "ada@example.com",
                "h", UUID.randomUUID(), expiry);

        assertThat(consent.at(expiry.plusSeconds(1)).status()).isEqualTo(ConsentStatus.WITHDRAWN);
    }
}
