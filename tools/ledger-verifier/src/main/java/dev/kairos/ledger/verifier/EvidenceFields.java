package dev.kairos.ledger.verifier;

import java.time.Instant;

/**
 * The fields of an entry's evidence that its commitment covers, by the names the export uses.
 * {@code recordSchemaVersion} is set on every record made since the ISO/IEC 27560 fields exist; it selects
 * the encoding (see {@link LedgerEncodings#evidence}).
 */
public record EvidenceFields(String source, String collectionPoint, String noticeText, String noticeVersion,
                             String ipAddress, String userAgent, String noticeSha256, String controller,
                             String actor, String rawInput, Instant confirmationSentAt,
                             Instant confirmationClickedAt, String confirmationNonce, String noticeLanguage,
                             String privacyPolicyUrl, String privacyPolicyVersion, String controllerContact,
                             String recordSchemaVersion) {

    boolean hasConfirmation() {
        return confirmationSentAt != null || confirmationClickedAt != null || confirmationNonce != null;
    }
}
