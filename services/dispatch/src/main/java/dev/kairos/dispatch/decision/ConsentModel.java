package dev.kairos.dispatch.decision;

import java.util.Locale;
import java.util.Set;

/**
 * What MARKETING needs before it may reach a customer, by jurisdiction and channel.
 *
 * <p>Sources (checked 2026-11): EU ePrivacy Directive 2002/58/EC art. 13 and the French CPCE
 * art. L34-5 (prior opt-in for email and SMS, soft opt-in for existing buyers; postal mail opt-out);
 * US CAN-SPAM Act 15 U.S.C. 7704 (email opt-out) and TCPA 47 CFR 64.1200 (prior express written consent
 * for marketing texts); Canada's CASL S.C. 2010 c. 23 s. 10 (express, or implied with expiry).
 * An unknown jurisdiction gets the strictest rule: prior opt-in.
 */
public final class ConsentModel {

    /** What a consent must be for marketing to go out. */
    public enum Requirement { OPT_IN, OPT_OUT, PRIOR_EXPRESS_WRITTEN, EXPRESS_OR_IMPLIED }

    private static final Set<String> EU_AND_EEA = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
            "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    private ConsentModel() {
    }

    public static Requirement requirement(String jurisdiction, Channel channel) {
        String country = country(jurisdiction);
        if (channel == Channel.MAIL) {
            return Requirement.OPT_OUT;
        }
        if (country.equals("US")) {
            return channel == Channel.EMAIL ? Requirement.OPT_OUT : Requirement.PRIOR_EXPRESS_WRITTEN;
        }
        if (country.equals("CA")) {
            return Requirement.EXPRESS_OR_IMPLIED;
        }
        return Requirement.OPT_IN;
    }

    /** Whether a consent on this legal basis satisfies the requirement. */
    static boolean basisSatisfies(Consent.Basis basis, Requirement requirement) {
        if (basis == null) {
            return requirement == Requirement.OPT_IN;
        }
        return switch (requirement) {
            case OPT_OUT -> true;
            case OPT_IN -> basis == Consent.Basis.OPT_IN || basis == Consent.Basis.SOFT_OPT_IN
                    || basis == Consent.Basis.PRIOR_EXPRESS_WRITTEN;
            case PRIOR_EXPRESS_WRITTEN -> basis == Consent.Basis.PRIOR_EXPRESS_WRITTEN;
            case EXPRESS_OR_IMPLIED -> basis != Consent.Basis.SOFT_OPT_IN;
        };
    }

    private static String country(String jurisdiction) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return "";
        }
        String upper = jurisdiction.toUpperCase(Locale.ROOT);
        int dash = upper.indexOf('-');
        String country = dash < 0 ? upper : upper.substring(0, dash);
        return EU_AND_EEA.contains(country) ? "EU" : country;
    }
}
