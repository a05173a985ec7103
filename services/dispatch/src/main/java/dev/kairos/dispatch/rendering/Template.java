package dev.kairos.dispatch.rendering;

import dev.kairos.dispatch.decision.Submission;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stored message template: per locale (a BCP 47 tag), per channel name, the subject, text and html a request
 * naming it is sent with. Each part may use the standard placeholders and the declared {@code variables}.
 */
public record Template(String templateId, String defaultLocale, List<String> variables,
                       Map<String, Map<String, Submission.Part>> locales) {

    /**
     * The content for a customer: the locale they chose when the template has it, else one of the same language
     * ({@code fr} for {@code fr-CA}, or {@code fr-FR} for {@code fr}), else the template's default locale.
     */
    public Map<String, Submission.Part> contentFor(String customerLocale) {
        return locales.get(localeFor(customerLocale));
    }

    /** The locale {@link #contentFor} renders, one of the template's. */
    public String localeFor(String customerLocale) {
        if (customerLocale == null || customerLocale.isBlank()) {
            return defaultLocale;
        }
        String wanted = normalised(customerLocale);
        String language = language(wanted);
        Optional<String> exact = locales.keySet().stream().filter(l -> normalised(l).equals(wanted)).findFirst();
        return exact.or(() -> locales.keySet().stream().filter(l -> normalised(l).equals(language)).findFirst())
                .or(() -> locales.keySet().stream().filter(l -> language(normalised(l)).equals(language)).sorted()
                        .findFirst())
                .orElse(defaultLocale);
    }

    private static String normalised(String locale) {
        return locale.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }

    private static String language(String normalised) {
        int dash = normalised.indexOf('-');
        return dash < 0 ? normalised : normalised.substring(0, dash);
    }
}
