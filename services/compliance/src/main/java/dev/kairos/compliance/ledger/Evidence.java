package dev.kairos.compliance.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import dev.kairos.ledger.verifier.EvidenceFields;
import dev.kairos.ledger.verifier.LedgerEncodings;

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
 * @param noticeLanguage        ISO/IEC 27560: the language of the notice shown, a BCP 47 tag (e.g. {@code fr-CA})
 * @param privacyPolicyUrl      ISO/IEC 27560: the privacy policy in force when the consent was collected
 * @param privacyPolicyVersion  ISO/IEC 27560: its version
 * @param controllerContact     ISO/IEC 27560: how to reach the controller about this consent
 * @param recordSchemaVersion   ISO/IEC 27560: the version of this record's schema, which names its encoding
 *                              ({@value LedgerEncodings#RECORD_SCHEMA_VERSION} since these fields exist, null before)
 */
public record Evidence(String source, String collectionPoint, String noticeText, String noticeVersion,
                       String ipAddress, String userAgent, String noticeSha256, String controller, String actor,
                       String rawInput, Instant confirmationSentAt, Instant confirmationClickedAt,
                       String confirmationNonce, String noticeLanguage, String privacyPolicyUrl,
                       String privacyPolicyVersion, String controllerContact, String recordSchemaVersion) {

    /** Evidence as recorded before the ISO/IEC 27560 fields. */
    public Evidence(String source, String collectionPoint, String noticeText, String noticeVersion, String ipAddress,
                    String userAgent, String noticeSha256, String controller, String actor, String rawInput,
                    Instant confirmationSentAt, Instant confirmationClickedAt, String confirmationNonce) {
        this(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256, controller, actor,
                rawInput, confirmationSentAt, confirmationClickedAt, confirmationNonce, null, null, null, null, null);
    }

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

    /**
     * This evidence as the ledger records it: given to the controller, with the record's schema version, the
     * controller's contact, and the privacy policy the caller named or else the one in force.
     */
    public Evidence recordedFor(RecordContext context) {
        return new Evidence(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256,
                context.controller(), actor, rawInput, confirmationSentAt, confirmationClickedAt, confirmationNonce,
                noticeLanguage, privacyPolicyUrl == null ? context.privacyPolicyUrl() : privacyPolicyUrl,
                privacyPolicyUrl == null ? context.privacyPolicyVersion() : privacyPolicyVersion,
                context.controllerContact(), LedgerEncodings.RECORD_SCHEMA_VERSION);
    }

    /** This evidence with the ISO/IEC 27560 fields a collecting system gives: the notice's language, the policy. */
    public Evidence withNotice(String language, String policyUrl, String policyVersion) {
        return new Evidence(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256,
                controller, actor, rawInput, confirmationSentAt, confirmationClickedAt, confirmationNonce, language,
                policyUrl, policyVersion, controllerContact, recordSchemaVersion);
    }

    /** This evidence of a confirmation, with both steps of the double opt-in it completes. */
    public Evidence withConfirmation(Instant sentAt, Instant clickedAt, String nonce) {
        return new Evidence(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256,
                controller, actor, rawInput, sentAt, clickedAt, nonce, noticeLanguage, privacyPolicyUrl,
                privacyPolicyVersion, controllerContact, recordSchemaVersion);
    }

    /** The fields its commitment covers. */
    EvidenceFields fields() {
        return new EvidenceFields(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent,
                noticeSha256, controller, actor, rawInput, confirmationSentAt, confirmationClickedAt,
                confirmationNonce, noticeLanguage, privacyPolicyUrl, privacyPolicyVersion, controllerContact,
                recordSchemaVersion);
    }

    /**
     * What the ledger adds to every record, from configuration: the controller, its contact, and the privacy
     * policy in force (used where the caller named none).
     */
    public record RecordContext(String controller, String controllerContact, String privacyPolicyUrl,
                                String privacyPolicyVersion) {
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
