package dev.kairos.preferences.consents;

/**
 * How a submission was collected, kept as proof.
 *
 * @param source     PREFERENCE_CENTRE, UNSUBSCRIBE_LINK, ONE_CLICK or CONFIRMATION_LINK
 * @param noticeText the exact text the person saw beside the control, null when no text was shown (one-click)
 * @param noticeLanguage the language of that text, the page's (a BCP 47 tag: {@code fr}, {@code en}), null with no
 *                   text (ISO/IEC TS 27560)
 * @param rawInput   the raw input received, such as the one-click body
 */
public record Evidence(String source, String collectionPoint, String noticeText, String noticeVersion,
                       String noticeLanguage, String ipAddress, String userAgent, String rawInput) {
}
