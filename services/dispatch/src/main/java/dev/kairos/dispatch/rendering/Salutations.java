package dev.kairos.dispatch.rendering;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The greeting that opens a message, in the customer's language. Without a title the customer is
 * greeted by name, never with a gendered or marital form they did not choose.
 */
public final class Salutations {

    private Salutations() {
    }

    public static String of(FormOfAddress form, String locale) {
        boolean french = locale != null && locale.toLowerCase(Locale.ROOT).startsWith("fr");
        String family = blankToNull(form.familyName());
        String fullName = Stream.of(form.givenName(), form.familyName())
                .map(Salutations::blankToNull).filter(s -> s != null).collect(Collectors.joining(" "));
        FormOfAddress.Title title = form.title() == null ? FormOfAddress.Title.NONE : form.title();
        if (title == FormOfAddress.Title.NONE || family == null) {
            String hello = french ? "Bonjour" : "Hello";
            return fullName.isEmpty() ? hello : hello + " " + fullName;
        }
        return french ? frenchTitled(title, family) : englishTitled(title, family);
    }

    private static String frenchTitled(FormOfAddress.Title title, String family) {
        return switch (title) {
            case MR -> "Bonjour Monsieur " + family;
            case MS, MRS -> "Bonjour Madame " + family;
            case DR -> "Bonjour Docteur " + family;
            // French has no settled neutral title: greet by family name alone.
            case MX, NONE -> "Bonjour " + family;
        };
    }

    private static String englishTitled(FormOfAddress.Title title, String family) {
        return switch (title) {
            case MR -> "Dear Mr " + family;
            case MRS -> "Dear Mrs " + family;
            case MS -> "Dear Ms " + family;
            case MX -> "Dear Mx " + family;
            case DR -> "Dear Dr " + family;
            case NONE -> "Hello " + family;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
