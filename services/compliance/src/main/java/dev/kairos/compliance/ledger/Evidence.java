package dev.kairos.compliance.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How a consent event was collected, with what compliance.md item 1 asks a proof to hold. Personal (an IP
 * address, a user agent, the raw text a person sent), so it is kept in the erasable store; the chain
 * holds only a salted commitment to it.
 *
 * @param source          the collection method, e.g. {@code WEB_FORM}, {@code SMS_KEYWORD}, {@code AGENT}, {@code API}
 * @param collectionPoint where it was collected, e.g. a form's name
 * @param noticeText      the exact text shown to the person
 * @param noticeVersion   the version of that text
 * @param noticeSha256    hex SHA-256 of the UTF-8 of the exact notice text
 * @param controller      the data controller the consent was given to
 * @param actor           who acted: {@code CUSTOMER}, an agent ({@code AGENT:<id>}) or the system ({@code SYSTEM:<job>})
 * @param rawInput        what was received, as received (e.g. the SMS text "Stop")
 * @param confirmationSentAt    double opt-in: when the confirmation message went out (the first step), or {@code null}
 * @param confirmationClickedAt double opt-in: when the person followed its link and confirmed (the second step)
 * @param confirmationNonce     double opt-in: the single-use nonce of that link, spent by then; names the request
 */
public record Evidence(String source, String collectionPoint, String noticeText, String noticeVersion,
                       String ipAddress, String userAgent, String noticeSha256, String controller, String actor,
                       String rawInput, Instant confirmationSentAt, Instant confirmationClickedAt,
                       String confirmationNonce) {

    /** Evidence of anything but a double opt-in confirmation. */
    public Evidence(String source, String collectionPoint, String noticeText, String noticeVersion, String ipAddress,
                    String userAgent, String noticeSha256, String controller, String actor, String rawInput) {
        this(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256, controller, actor,
                rawInput, null, null, null);
    }

    /** Who acted when nobody said otherwise: a consent event is the person's own act. */
    public static final String CUSTOMER = "CUSTOMER";

    /** Evidence as a collecting system describes it; the digest of the notice is computed from its text. */
    public Evidence(String source, String collectionPoint, String noticeText, String noticeVersion, String ipAddress,
                    String userAgent) {
        this(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, digest(noticeText), null, null,
                null);
    }

    /** Evidence of an event the system itself records (an expiry, an activity), with the input that caused it. */
    public static Evidence bySystem(String source, String actor, String rawInput) {
        return new Evidence(source, null, null, null, null, null, null, null, actor, rawInput);
    }

    public Evidence withController(String newController) {
        return new Evidence(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256,
                newController, actor, rawInput, confirmationSentAt, confirmationClickedAt, confirmationNonce);
    }

    /** This evidence of a confirmation, with both steps of the double opt-in it completes. */
    public Evidence withConfirmation(Instant sentAt, Instant clickedAt, String nonce) {
        return new Evidence(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256,
                controller, actor, rawInput, sentAt, clickedAt, nonce);
    }

    /** Whether it carries any double opt-in field, which only the encoding of version 3 holds. */
    boolean hasConfirmation() {
        return confirmationSentAt != null || confirmationClickedAt != null || confirmationNonce != null;
    }

    /** Hex SHA-256 of the UTF-8 of the text, {@code null} for no text. */
    public static String digest(String text) {
        if (text == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
