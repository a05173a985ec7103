package dev.kairos.compliance.signals;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The SMS opt-out keywords: STOP, STOPALL, END, CANCEL, UNSUBSCRIBE, QUIT, REVOKE, OPTOUT, OPT OUT, and in
 * French ARRET / ARRÊT; any case, spaces ignored (compliance.md item 11, the one list Kairos keeps).
 * Sources: the FCC's revocation-of-consent order FCC 24-24 (2024), 47 CFR 64.1200(a)(12), names STOP, QUIT,
 * END, REVOKE, OPT OUT, CANCEL and UNSUBSCRIBE as revoking consent whatever the sender's instructions;
 * STOPALL is US carrier practice (CTIA Messaging Principles); ARRET is the French-language keyword of
 * French SMS programmes. Reviewed 2026-11.
 */
public final class StopKeywords {

    private static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "END", "CANCEL", "UNSUBSCRIBE", "QUIT",
            "REVOKE", "OPTOUT", "ARRET");

    private StopKeywords() {
    }

    /** Whether the whole message is an opt-out keyword. */
    public static boolean isOptOut(String text) {
        if (text == null) {
            return false;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("\\s+", "")
                .toUpperCase(Locale.ROOT);
        return KEYWORDS.contains(folded);
    }
}
