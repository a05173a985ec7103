package dev.kairos.ledger.verifier;

import java.nio.charset.StandardCharsets;

/**
 * What the ledger hashes and commits to, field by field. The service seals entries with these functions and
 * the verifier recomputes with them, so both read the same order; the compliance README spells it out for
 * anyone re-implementing it.
 */
public final class LedgerEncodings {

    public static final String ENTRY = "kairos.consent-ledger.entry.v1";
    /** Evidence recorded before double opt-in fields and ISO/IEC 27560 fields existed. */
    public static final String EVIDENCE_V2 = "kairos.consent-ledger.evidence.v2";
    /** Version 2 followed by the double opt-in fields. */
    public static final String EVIDENCE_V3 = "kairos.consent-ledger.evidence.v3";
    /** Version 3's fields (double opt-in fields always, null when none), then the ISO/IEC 27560 fields. */
    public static final String EVIDENCE_V4 = "kairos.consent-ledger.evidence.v4";
    /** The record schema version every new record names, and that selects {@link #EVIDENCE_V4}. */
    public static final String RECORD_SCHEMA_VERSION = "4";

    private LedgerEncodings() {
    }

    /** SHA-256 over the entry's canonical encoding. */
    public static String entryHash(ChainedFields e) {
        return Sha256.hex(entry(e));
    }

    public static byte[] entry(ChainedFields e) {
        return CanonicalEncoding.named(ENTRY)
                .field(e.sequence())
                .field(e.entryId())
                .field(e.customerId())
                .field(e.type())
                .field(e.channel())
                .field(e.purpose())
                .field(e.basis())
                .field(e.jurisdiction())
                .field(e.source())
                .field(e.occurredAt())
                .field(e.recordedAt())
                .field(e.expiresAt())
                .field(e.addressCommitment())
                .field(e.evidenceCommitment())
                .field(e.previousHash())
                .bytes();
    }

    /** SHA-256 of the salt followed by the UTF-8 of the normalised address. */
    public static String addressCommitment(byte[] salt, String address) {
        return Sha256.hex(salt, address.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the salt followed by the canonical encoding of the evidence. */
    public static String evidenceCommitment(byte[] salt, EvidenceFields evidence) {
        return Sha256.hex(salt, evidence(evidence));
    }

    /**
     * Version 4 when the evidence names a record schema version; before that, version 3 when it has a
     * double opt-in field, else version 2, byte for byte as they were written, so every older commitment
     * still matches its stored evidence.
     */
    public static byte[] evidence(EvidenceFields evidence) {
        boolean v4 = evidence.recordSchemaVersion() != null;
        boolean confirmation = v4 || evidence.hasConfirmation();
        CanonicalEncoding encoding = CanonicalEncoding.named(v4 ? EVIDENCE_V4 : confirmation ? EVIDENCE_V3 : EVIDENCE_V2)
                .field(evidence.source())
                .field(evidence.collectionPoint())
                .field(evidence.noticeText())
                .field(evidence.noticeVersion())
                .field(evidence.ipAddress())
                .field(evidence.userAgent())
                .field(evidence.noticeSha256())
                .field(evidence.controller())
                .field(evidence.actor())
                .field(evidence.rawInput());
        if (confirmation) {
            encoding.field(evidence.confirmationSentAt())
                    .field(evidence.confirmationClickedAt())
                    .field(evidence.confirmationNonce());
        }
        if (v4) {
            encoding.field(evidence.noticeLanguage())
                    .field(evidence.privacyPolicyUrl())
                    .field(evidence.privacyPolicyVersion())
                    .field(evidence.controllerContact())
                    .field(evidence.recordSchemaVersion());
        }
        return encoding.bytes();
    }
}
