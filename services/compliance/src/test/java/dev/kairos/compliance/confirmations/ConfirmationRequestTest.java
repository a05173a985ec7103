package dev.kairos.compliance.confirmations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfirmationRequestTest {

    private static final Instant SENT = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void aClickBeforeTheExpiryConfirms() {
        assertThat(request(null).check(EXPIRES.minusMillis(1))).isEqualTo(ConfirmationRequest.Outcome.CONFIRMED);
    }

    @Test
    void aClickAtOrAfterTheExpiryConfirmsNothing() {
        assertThat(request(null).check(EXPIRES)).isEqualTo(ConfirmationRequest.Outcome.EXPIRED);
        assertThat(request(null).check(EXPIRES.plusSeconds(3600))).isEqualTo(ConfirmationRequest.Outcome.EXPIRED);
    }

    @Test
    void aLinkConfirmsOnce() {
        assertThat(request(SENT.plusSeconds(60)).check(SENT.plusSeconds(120)))
                .isEqualTo(ConfirmationRequest.Outcome.ALREADY_USED);
    }

    private static ConfirmationRequest request(Instant confirmedAt) {
        return new ConfirmationRequest("n", "c-42", Channel.EMAIL, "promotions", LegalBasis.OPT_IN, "FR",
                "ada@example.com", "41b42084-0000-0000-0000-000000000000", SENT, EXPIRES, confirmedAt, null);
    }
}
