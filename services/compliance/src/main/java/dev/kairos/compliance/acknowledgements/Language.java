package dev.kairos.compliance.acknowledgements;

import java.util.Locale;

/** The languages customer-facing messages are written in. */
public enum Language {
    FRENCH, ENGLISH;

    /** French for any French tag ({@code fr}, {@code fr-CA}); English for anything else, and for none. */
    public static Language of(String languageTag) {
        return languageTag != null && languageTag.toLowerCase(Locale.ROOT).matches("fr([-_].*)?")
                ? FRENCH : ENGLISH;
    }
}
