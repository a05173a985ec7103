package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.proto.common.PostalAddress;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The zones a phone number or a postal address adds to the declared one. */
class CandidateZonesTest {

    @Test
    void aFrenchMobileAndAFrenchAddressArePairs() {
        assertThat(CandidateZones.of("+33612345678", postal("FR"))).containsExactly(ZoneId.of("Europe/Paris"));
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
        assertThat(CandidateZones.of(null, postal("US"))).isEmpty();
        assertThat(CandidateZones.of(null, null)).isEmpty();
        assertThat(CandidateZones.of("not a number", null)).isEmpty();
    }

    private static PostalAddress postal(String country) {
        return PostalAddress.newBuilder().setRecipient("C. Durand").setLines(List.of("1 rue de la Paix"))
                .setPostalCode("75002").setCity("Paris").setCountry(country).build();
    }
}
