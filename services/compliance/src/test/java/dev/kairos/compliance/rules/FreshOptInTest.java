package dev.kairos.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import org.junit.jupiter.api.Test;

class FreshOptInTest {

    private static final Evidence FORM = new Evidence("WEB_FORM", "signup-v3", "Yes", "3", "203.0.113.7", "Mozilla/5.0");

    @Test
    void anExpressGrantOnAFormWithThePersonsTracesIsFresh() {
        assertThat(FreshOptIn.isFresh(LegalBasis.OPT_IN, FORM)).isTrue();
        assertThat(FreshOptIn.isFresh(LegalBasis.PRIOR_EXPRESS_WRITTEN, FORM)).isTrue();
    }

    @Test
    void impliedAndSoftConsentsNeverAre() {
        assertThat(FreshOptIn.isFresh(LegalBasis.IMPLIED_PURCHASE, FORM)).isFalse();
        assertThat(FreshOptIn.isFresh(LegalBasis.IMPLIED_INQUIRY, FORM)).isFalse();
        assertThat(FreshOptIn.isFresh(LegalBasis.SOFT_OPT_IN, FORM)).isFalse();
    }

    @Test
    void anImportIsNotThePersonsOwnAct() {
        assertThat(FreshOptIn.isFresh(LegalBasis.OPT_IN,
                new Evidence("IMPORT", null, null, null, "203.0.113.7", "Mozilla/5.0"))).isFalse();
        assertThat(FreshOptIn.isFresh(LegalBasis.OPT_IN,
                new Evidence("API", null, null, null, "203.0.113.7", null))).isFalse();
    }

    @Test
    void aGrantWithoutTraceOfThePersonIsNot() {
        assertThat(FreshOptIn.isFresh(LegalBasis.OPT_IN, new Evidence("WEB_FORM", "signup", null, null, null, null)))
                .isFalse();
        assertThat(FreshOptIn.isFresh(LegalBasis.OPT_IN, null)).isFalse();
    }
}
