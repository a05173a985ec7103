package dev.kairos.compliance.rules;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * How long consent lasts and which basis it needs, by jurisdiction and channel. Every rule lives here
 * once, with its source and the date its figure was last checked; laws change, so look here first.
 * Periods are calendar periods counted in UTC from the instant of the act; a consent is active strictly
 * before its expiry and has expired at it.
 */
public final class ExpiryRules {

    /**
     * France / EU, email and SMS marketing on an opt-in: the prospect's consent lapses 3 years after its
     * collection or after the prospect's last own action, whichever is later. Source: CNIL, référentiel
     * « gestion des activités commerciales » (délibération n° 2021-131 du 23 septembre 2021), durées de
     * conservation des données de prospects (3 ans à compter de la collecte ou du dernier contact émanant
     * du prospect); CNIL guidance on commercial prospecting by email and SMS (CPCE art. L.34-5).
     * Figure checked 2026-11-29 against docs compliance.md item 6. A purchase is also the prospect's own
     * action, and the CNIL's figure for customers (3 years from the end of the commercial relationship,
     * i.e. the last purchase) gives the same date, so the rule holds for buyers too.
     */
    static final Period FR_PROSPECT_CONSENT = Period.ofYears(3);

    /** Own actions that move the French prospect date: a click counts, an open does not (CNIL, same source). */
    static final Set<ActivityType> FR_OWN_ACTIONS = Set.of(ActivityType.CLICK, ActivityType.VISIT,
            ActivityType.PURCHASE, ActivityType.INQUIRY);

    /**
     * Canada, CASL implied consent through an existing business relationship: a purchase within the two
     * years, an inquiry within the six months, before the message. Source: An Act to promote the
     * efficiency and adaptability of the Canadian economy…, S.C. 2010, c. 23 (CASL), s. 10(9)(a) and
     * s. 10(10)(a) and (b). Figures checked 2026-11-29 against compliance.md item 9.
     */
    static final Period CASL_AFTER_PURCHASE = Period.ofYears(2);
    static final Period CASL_AFTER_INQUIRY = Period.ofMonths(6);

    /**
     * United States, marketing texts: prior express written consent, naming the number (TCPA, 47 U.S.C.
     * § 227(b); 47 CFR § 64.1200(a)(2) and the definition in § 64.1200(f)(9)). Consents recorded here are
     * for marketing purposes; informational messages need none. Checked 2026-11-29 against compliance.md item 8.
     */
    static final String US_SMS_BASIS_PROBLEM =
            "a marketing SMS in the US needs PRIOR_EXPRESS_WRITTEN consent (47 CFR 64.1200(a)(2))";

    /**
     * Soft opt-in (the exception to prior consent for a business's own customers) needs an existing buyer:
     * contact details obtained in the context of a sale. An account without a purchase is not enough.
     * Sources: Directive 2002/58/EC (ePrivacy) art. 13(2); French CPCE art. L.34-5 al. 4 ("à l'occasion d'une
     * vente ou d'une prestation de services"); CNIL guidance on commercial prospecting by email. Checked
     * 2026-11-29 against compliance.md item 6.
     */
    static final String SOFT_OPT_IN_WITHOUT_PURCHASE =
            "SOFT_OPT_IN needs an existing buyer: no purchase by the customer is on record before the grant "
                    + "(ePrivacy Directive art. 13(2), CPCE L.34-5)";

    /**
     * Germany, email advertising: it needs the addressee's prior express consent (UWG § 7(2) Nr. 2), and the
     * advertiser must prove that the consent came from the address's holder, which the courts accept only from
     * a double opt-in: a confirmation by a click in a message sent to that address (BGH, 10 February 2011,
     * I ZR 164/09 "Double-opt-in-Verfahren"; BGH, 1 February 2018, III ZR 196/17). The existing-customer
     * exception (UWG § 7(3), our SOFT_OPT_IN) needs no consent and so no confirmation. Checked 2026-12-04.
     */
    static final String DE_EMAIL_WITHOUT_DOUBLE_OPT_IN =
            "an email consent in Germany needs a double opt-in: record it as pending confirmation, or bring the "
                    + "confirmation's evidence (UWG 7(2) Nr. 2; BGH I ZR 164/09)";

    /**
     * Whether a grant on that channel in that jurisdiction on that basis stands only once the person confirmed
     * it from the address (a double opt-in): a German email consent. An adapter that collects a grant records
     * such a one as pending confirmation.
     */
    public boolean needsDoubleOptIn(Channel channel, String jurisdiction, LegalBasis basis) {
        return isGermany(jurisdiction) && channel == Channel.EMAIL && basis != LegalBasis.SOFT_OPT_IN;
    }

    /**
     * Why a grant recorded as given at once cannot stand, or empty when it can: a consent that needs a double
     * opt-in is admitted pending its confirmation, or given at once only with the evidence of a confirmation
     * already made (an import of consents confirmed elsewhere).
     */
    public Optional<String> doubleOptInProblem(Channel channel, String jurisdiction, LegalBasis basis,
            boolean pending, Evidence evidence) {
        boolean confirmed = evidence != null && evidence.confirmationClickedAt() != null;
        if (!pending && !confirmed && needsDoubleOptIn(channel, jurisdiction, basis)) {
            return Optional.of(DE_EMAIL_WITHOUT_DOUBLE_OPT_IN);
        }
        return Optional.empty();
    }

    /**
     * Why a grant on that basis cannot stand for a customer without a purchase, or empty when it can;
     * {@code purchased} (whether the customer had bought before the grant) is asked only for a basis that
     * rests on a purchase.
     */
    public Optional<String> buyerProblem(LegalBasis basis, BooleanSupplier purchased) {
        if (basis == LegalBasis.SOFT_OPT_IN && !purchased.getAsBoolean()) {
            return Optional.of(SOFT_OPT_IN_WITHOUT_PURCHASE);
        }
        return Optional.empty();
    }

    /** Why the basis cannot support a grant on that channel in that jurisdiction, or empty when it can. */
    public Optional<String> basisProblem(Channel channel, String jurisdiction, LegalBasis basis) {
        if (isUnitedStates(jurisdiction) && channel == Channel.SMS && basis != LegalBasis.PRIOR_EXPRESS_WRITTEN) {
            return Optional.of(US_SMS_BASIS_PROBLEM);
        }
        return Optional.empty();
    }

    /** When a consent given at {@code collectedAt} lapses, or {@code null} when no rule bounds it. */
    public Instant expiresAt(Channel channel, String jurisdiction, LegalBasis basis, Instant collectedAt) {
        if (isFrenchProspectConsent(channel, jurisdiction, basis)) {
            return plus(collectedAt, FR_PROSPECT_CONSENT);
        }
        if (isCanada(jurisdiction) && basis == LegalBasis.IMPLIED_PURCHASE) {
            return plus(collectedAt, CASL_AFTER_PURCHASE);
        }
        if (isCanada(jurisdiction) && basis == LegalBasis.IMPLIED_INQUIRY) {
            return plus(collectedAt, CASL_AFTER_INQUIRY);
        }
        return null;
    }

    /**
     * What an activity at {@code at} does to a consent that lapses at {@code expiresAt}: empty when it
     * changes nothing. An action after the consent lapsed revives nothing, and an action never shortens
     * a consent.
     */
    public Optional<Lifetime> afterActivity(Channel channel, String jurisdiction, LegalBasis basis, Instant expiresAt,
            ActivityType type, Instant at) {
        if (expiresAt == null || !at.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return candidate(channel, jurisdiction, basis, type, at)
                .filter(lifetime -> lifetime.expiresAt().isAfter(expiresAt));
    }

    /**
     * The implied consent an activity creates where there is none: under CASL, a purchase or an inquiry
     * on a channel the customer gave an address for.
     */
    public Optional<Lifetime> impliedBy(String jurisdiction, ActivityType type, Instant at) {
        if (!isCanada(jurisdiction)) {
            return Optional.empty();
        }
        if (type == ActivityType.PURCHASE) {
            return Optional.of(new Lifetime(LegalBasis.IMPLIED_PURCHASE, plus(at, CASL_AFTER_PURCHASE)));
        }
        if (type == ActivityType.INQUIRY) {
            return Optional.of(new Lifetime(LegalBasis.IMPLIED_INQUIRY, plus(at, CASL_AFTER_INQUIRY)));
        }
        return Optional.empty();
    }

    private Optional<Lifetime> candidate(Channel channel, String jurisdiction, LegalBasis basis, ActivityType type,
            Instant at) {
        if (isFrenchProspectConsent(channel, jurisdiction, basis) && FR_OWN_ACTIONS.contains(type)) {
            return Optional.of(new Lifetime(basis, plus(at, FR_PROSPECT_CONSENT)));
        }
        if (isCanada(jurisdiction) && (basis == LegalBasis.IMPLIED_PURCHASE || basis == LegalBasis.IMPLIED_INQUIRY)) {
            // A purchase turns an inquiry's implied consent into a purchase's, with its longer period.
            return impliedBy(jurisdiction, type, at);
        }
        return Optional.empty();
    }

    private static boolean isFrenchProspectConsent(Channel channel, String jurisdiction, LegalBasis basis) {
        return ("FR".equals(jurisdiction) || "EU".equals(jurisdiction) || jurisdiction != null && jurisdiction.startsWith("FR-"))
                && (channel == Channel.EMAIL || channel == Channel.SMS)
                && basis == LegalBasis.OPT_IN;
    }

    private static boolean isCanada(String jurisdiction) {
        return jurisdiction != null && (jurisdiction.equals("CA") || jurisdiction.startsWith("CA-"));
    }

    private static boolean isGermany(String jurisdiction) {
        return jurisdiction != null && (jurisdiction.equals("DE") || jurisdiction.startsWith("DE-"));
    }

    private static boolean isUnitedStates(String jurisdiction) {
        return jurisdiction != null && (jurisdiction.equals("US") || jurisdiction.startsWith("US-"));
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
