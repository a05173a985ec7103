package dev.kairos.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpiryRulesTest {

    private static final Instant COLLECTED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant THREE_YEARS_LATER = Instant.parse("2029-03-01T09:00:00Z");

    private final ExpiryRules rules = new ExpiryRules();

    @Test
    void aFrenchProspectsOptInLapsesThreeYearsAfterCollection() {
        for (String jurisdiction : new String[] {"FR", "EU"}) {
            for (Channel channel : new Channel[] {Channel.EMAIL, Channel.SMS}) {
                assertThat(rules.expiresAt(channel, jurisdiction, LegalBasis.OPT_IN, COLLECTED)).isEqualTo(THREE_YEARS_LATER);
            }
        }
    }

    @Test
    void otherConsentsGivenInFranceDoNotLapseByThatRule() {
        assertThat(rules.expiresAt(Channel.MAIL, "FR", LegalBasis.OPT_IN, COLLECTED)).isNull();
        assertThat(rules.expiresAt(Channel.EMAIL, "FR", LegalBasis.SOFT_OPT_IN, COLLECTED)).isNull();
        assertThat(rules.expiresAt(Channel.EMAIL, "DE-BY", LegalBasis.OPT_IN, COLLECTED)).isNull();
        assertThat(rules.expiresAt(Channel.EMAIL, null, LegalBasis.OPT_IN, COLLECTED)).isNull();
    }

    @Test
    void aClickJustBeforeTheFrenchExpiryMovesItThreeYearsOnAndOneAtItComesTooLate() {
        Instant click = THREE_YEARS_LATER.minusMillis(1);

        assertThat(rules.afterActivity(Channel.SMS, "FR", LegalBasis.OPT_IN, THREE_YEARS_LATER, ActivityType.CLICK, click))
                .contains(new Lifetime(LegalBasis.OPT_IN, Instant.parse("2032-03-01T08:59:59.999Z")));
        assertThat(rules.afterActivity(Channel.SMS, "FR", LegalBasis.OPT_IN, THREE_YEARS_LATER, ActivityType.CLICK,
                THREE_YEARS_LATER)).isEmpty();
    }

    @Test
    void everyOwnActionCountsForAFrenchProspectButAnOpenDoesNot() {
        Instant during = Instant.parse("2027-06-15T12:00:00Z");
        for (ActivityType own : new ActivityType[] {ActivityType.CLICK, ActivityType.VISIT, ActivityType.PURCHASE,
                ActivityType.INQUIRY}) {
            assertThat(rules.afterActivity(Channel.EMAIL, "FR", LegalBasis.OPT_IN, THREE_YEARS_LATER, own, during))
                    .as(own.name())
                    .map(Lifetime::expiresAt).contains(Instant.parse("2030-06-15T12:00:00Z"));
        }
        assertThat(rules.afterActivity(Channel.EMAIL, "FR", LegalBasis.OPT_IN, THREE_YEARS_LATER, ActivityType.OPEN, during))
                .isEmpty();
    }

    @Test
    void anActionOlderThanTheLatestNeverShortensTheConsent() {
        Instant extendedTo = Instant.parse("2031-01-01T00:00:00Z");

        assertThat(rules.afterActivity(Channel.EMAIL, "FR", LegalBasis.OPT_IN, extendedTo, ActivityType.CLICK,
                Instant.parse("2027-12-31T23:59:59.999Z"))).isEmpty();
        assertThat(rules.afterActivity(Channel.EMAIL, "FR", LegalBasis.OPT_IN, extendedTo, ActivityType.CLICK,
                Instant.parse("2028-01-01T00:00:00.001Z"))).isPresent();
    }

    @Test
    void caslImpliedConsentLastsTwoYearsAfterAPurchaseAndSixMonthsAfterAnInquiry() {
        Instant purchase = Instant.parse("2026-03-01T09:00:00Z");

        assertThat(rules.expiresAt(Channel.EMAIL, "CA", LegalBasis.IMPLIED_PURCHASE, purchase))
                .isEqualTo(Instant.parse("2028-03-01T09:00:00Z"));
        assertThat(rules.expiresAt(Channel.EMAIL, "CA-QC", LegalBasis.IMPLIED_INQUIRY, purchase))
                .isEqualTo(Instant.parse("2026-09-01T09:00:00Z"));
        assertThat(rules.expiresAt(Channel.EMAIL, "CA", LegalBasis.OPT_IN, purchase)).isNull();
    }

    @Test
    void aPurchaseOrAnInquiryInCanadaImpliesConsentAndNothingElseDoes() {
        Instant at = Instant.parse("2026-08-31T00:00:00Z");

        assertThat(rules.impliedBy("CA", ActivityType.PURCHASE, at))
                .contains(new Lifetime(LegalBasis.IMPLIED_PURCHASE, Instant.parse("2028-08-31T00:00:00Z")));
        assertThat(rules.impliedBy("CA", ActivityType.INQUIRY, at))
                .contains(new Lifetime(LegalBasis.IMPLIED_INQUIRY, Instant.parse("2027-02-28T00:00:00Z")));
        assertThat(rules.impliedBy("CA", ActivityType.CLICK, at)).isEmpty();
        assertThat(rules.impliedBy("FR", ActivityType.PURCHASE, at)).isEmpty();
        assertThat(rules.impliedBy("US", ActivityType.PURCHASE, at)).isEmpty();
    }

    @Test
    void aPurchaseTurnsAnInquirysImpliedConsentIntoAPurchasesWhileItLasts() {
        Instant inquiryExpiry = Instant.parse("2026-09-01T09:00:00Z");

        assertThat(rules.afterActivity(Channel.SMS, "CA", LegalBasis.IMPLIED_INQUIRY, inquiryExpiry, ActivityType.PURCHASE,
                inquiryExpiry.minusMillis(1)))
                .contains(new Lifetime(LegalBasis.IMPLIED_PURCHASE, Instant.parse("2028-09-01T08:59:59.999Z")));
        assertThat(rules.afterActivity(Channel.SMS, "CA", LegalBasis.IMPLIED_INQUIRY, inquiryExpiry, ActivityType.PURCHASE,
                inquiryExpiry)).isEmpty();
        assertThat(rules.afterActivity(Channel.SMS, "CA", LegalBasis.IMPLIED_PURCHASE, inquiryExpiry, ActivityType.CLICK,
                inquiryExpiry.minusMillis(1))).isEmpty();
    }

    @Test
    void anInquiryDoesNotShortenAPurchasesImpliedConsent() {
        Instant purchaseExpiry = Instant.parse("2028-03-01T09:00:00Z");

        assertThat(rules.afterActivity(Channel.EMAIL, "CA", LegalBasis.IMPLIED_PURCHASE, purchaseExpiry,
                ActivityType.INQUIRY, Instant.parse("2026-04-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aMarketingSmsInTheUsNeedsPriorExpressWrittenConsent() {
        for (LegalBasis basis : LegalBasis.values()) {
            Optional<String> problem = rules.basisProblem(Channel.SMS, "US-FL", basis);
            assertThat(problem.isEmpty()).as(basis.name()).isEqualTo(basis == LegalBasis.PRIOR_EXPRESS_WRITTEN);
        }
        assertThat(rules.basisProblem(Channel.SMS, "US", LegalBasis.OPT_IN)).isPresent();
        assertThat(rules.basisProblem(Channel.EMAIL, "US", LegalBasis.OPT_IN)).isEmpty();
        assertThat(rules.basisProblem(Channel.SMS, "FR", LegalBasis.OPT_IN)).isEmpty();
        assertThat(rules.basisProblem(Channel.SMS, "USA", LegalBasis.OPT_IN)).isEmpty();
    }

    @Test
    void aConsentWithoutExpiryIsNotExtended() {
        assertThat(rules.afterActivity(Channel.EMAIL, "FR", LegalBasis.OPT_IN, null, ActivityType.CLICK, COLLECTED))
                .isEmpty();
    }

    @Test
    void softOptInNeedsAPurchaseOnRecordAndNoOtherBasisAsksForOne() {
        assertThat(rules.buyerProblem(LegalBasis.SOFT_OPT_IN, () -> false)).hasValueSatisfying(problem ->
                assertThat(problem).contains("existing buyer"));
        assertThat(rules.buyerProblem(LegalBasis.SOFT_OPT_IN, () -> true)).isEmpty();
        for (LegalBasis basis : LegalBasis.values()) {
            if (basis != LegalBasis.SOFT_OPT_IN) {
                assertThat(rules.buyerProblem(basis, () -> {
                    throw new AssertionError(basis + " must not ask for purchases");
                })).isEmpty();
            }
        }
    }
}
