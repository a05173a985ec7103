package dev.kairos.dispatch.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The zones a phone number or a postal address adds to the declared one. */
class CandidateZonesTest {

    @Test
    void aFrenchMobileAndAFrenchAddressArePairs() {
        assertThat(CandidateZones.of("+33612345678", "FR")).containsExactly(ZoneId.of("Europe/Paris"));
    }

    @Test
    void theFloridaPanhandleSpansTwoZones() {
        assertThat(CandidateZones.of("+18505550100", null))
                .containsExactlyInAnyOrder(ZoneId.of("America/New_York"), ZoneId.of("America/Chicago"));
    }

    @Test
    void aNorthAmericanNumberAddsItsAreaCodesZone() {
        assertThat(CandidateZones.of("+12125550100", null)).containsExactly(ZoneId.of("America/New_York"));
        assertThat(CandidateZones.of("+13055550100", null)).containsExactly(ZoneId.of("America/New_York"));
        assertThat(CandidateZones.of("+14155550100", null)).containsExactly(ZoneId.of("America/Los_Angeles"));
    }

    @Test
    void aCountryWithManyZonesOrNothingKnownAddsNoPostalZone() {
        assertThat(CandidateZones.of(null, "US")).isEmpty();
        assertThat(CandidateZones.of(null, null)).isEmpty();
        assertThat(CandidateZones.of("not a number", null)).isEmpty();
    }
}
