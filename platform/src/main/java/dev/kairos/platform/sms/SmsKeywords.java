package dev.kairos.platform.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which keyword, if any, a text from a handset is. The whole text counts, in any case, with accents, spaces,
 * hyphens and closing punctuation ignored: {@code " stop "}, {@code "Opt-Out"}, {@code "ARRÊT"} and
 * {@code "Stop."} are opt-outs; {@code "stop it"} is not a keyword.
 *
 * <p>Opt-out: STOP, STOPALL, END, CANCEL, UNSUBSCRIBE, QUIT, REVOKE, OPTOUT / OPT OUT and the French ARRET /
 * ARRÊT. The FCC's 2024 revocation-of-consent order (FCC 24-24, 47 CFR § 64.1200(a)) names stop, quit, end,
 * revoke, opt out, cancel and unsubscribe as revoking consent whatever the sender's instructions; STOPALL is
 * US carrier practice (CTIA Messaging Principles and Best Practices); ARRET is the French-language keyword of
 * French SMS programmes, where every marketing text must offer a free and easy way to object (CPCE art. L34-5).
 * HELP: HELP and INFO (CTIA), AIDE in French. Reviewed 2026-11.
 */
public final class SmsKeywords {

    /** What a keyword asks for. */
    public enum Kind { OPT_OUT, HELP }

    /** A recognised keyword: its kind and its canonical spelling (e.g. {@code OPTOUT} for "Opt-Out"). */
    public record Keyword(Kind kind, String canonical) {
    }

    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "END", "CANCEL", "UNSUBSCRIBE", "QUIT",
            "REVOKE", "OPTOUT", "ARRET");
    private static final Set<String> HELP = Set.of("HELP", "INFO", "AIDE");

    private SmsKeywords() {
    }

    public static Optional<Keyword> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[\\s\\-_]+", "")
                .replaceAll("^[.!?,;:]+|[.!?,;:]+$", "")
                .toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(folded)) {
            return Optional.of(new Keyword(Kind.OPT_OUT, folded));
        }
        if (HELP.contains(folded)) {
            return Optional.of(new Keyword(Kind.HELP, folded));
        }
        return Optional.empty();
    }
}
