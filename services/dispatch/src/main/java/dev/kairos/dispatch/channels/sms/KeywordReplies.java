package dev.kairos.dispatch.channels.sms;

import dev.kairos.platform.sms.SmsKeywords;
import java.util.List;

/**
 * The texts that answer a keyword, in French or English. The opt-out confirmation only confirms, without
 * promotion; the HELP reply names the programme, a contact, how often it texts, that message and data rates may
 * apply, and how to stop (CTIA Messaging Principles and Best Practices; the FCC's 2024 order, FCC 24-24, allows
 * one confirmation within five minutes of an opt-out, without marketing; in France every marketing text offers a
 * free way to object, CPCE art. L34-5).
 *
 * <p>The language: French for a French keyword (ARRET, AIDE) or a French number (France, its overseas
 * departments and territories, Monaco), English otherwise. A reply goes to a number, not to a customer, so no
 * customer's language is known here.
 */
public record KeywordReplies(Texts optOut, Texts help) {

    /** One reply in both languages. */
    public record Texts(String fr, String en) {
    }

    private static final List<String> FRENCH_CALLING_CODES = List.of("+33", "+262", "+377", "+508", "+590", "+594",
            "+596", "+681", "+687", "+689");
    private static final List<String> FRENCH_KEYWORDS = List.of("ARRET", "AIDE");

    public String reply(SmsKeywords.Keyword keyword, String number) {
        Texts texts = keyword.kind() == SmsKeywords.Kind.OPT_OUT ? optOut : help;
        return french(keyword, number) ? texts.fr() : texts.en();
    }

    static boolean french(SmsKeywords.Keyword keyword, String number) {
        return FRENCH_KEYWORDS.contains(keyword.canonical())
                || FRENCH_CALLING_CODES.stream().anyMatch(code -> number.startsWith(code));
    }
}
