package dev.kairos.compliance.signals;

import dev.kairos.platform.sms.SmsKeywords;

/**
 * Whether an SMS text is an opt-out keyword, as the platform's {@link SmsKeywords} reads it: the one list of SMS
 * keywords Kairos keeps (STOP, ARRÊT, OPT OUT, "Opt-Out"… in any case and spacing), shared with dispatch's SMS
 * channel end, which recognises them when a handset answers.
 */
public final class StopKeywords {

    private StopKeywords() {
    }

    /** Whether the whole message is an opt-out keyword. */
    public static boolean isOptOut(String text) {
        return SmsKeywords.of(text).map(k -> k.kind() == SmsKeywords.Kind.OPT_OUT).orElse(false);
    }
}
