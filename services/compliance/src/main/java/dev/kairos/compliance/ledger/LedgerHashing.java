package dev.kairos.compliance.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The canonical encoding of ledger entries and evidence, and the hashes and commitments over it.
 *
 * <p>An encoding is a sequence of fields in a fixed order, each written as a 4-byte big-endian signed
 * length followed by that many bytes of UTF-8; a null field is the length -1 and no bytes. Numbers are
 * written in decimal, instants as decimal milliseconds since the epoch, enums by name, the entry id in its
 * canonical lower-case form. The first field names the encoding and its version, so that a later version
 * can never produce the bytes of an earlier one. Hashes and commitments are lower-case hex SHA-256.
 * README.md describes the same thing for anyone verifying the ledger without this code.
 */
public final class LedgerHashing {

    static final String ENTRY_ENCODING = "kairos.consent-ledger.entry.v1";
    static final String EVIDENCE_ENCODING = "kairos.consent-ledger.evidence.v2";
    /** Version 2 followed by the double opt-in fields; only evidence that has one of them is encoded so. */
    static final String CONFIRMATION_EVIDENCE_ENCODING = "kairos.consent-ledger.evidence.v3";

    private LedgerHashing() {
    }

    /** SHA-256 over the entry's canonical encoding: every field but the hash itself. */
    public static String entryHash(LedgerEntry e) {
        return hex(sha256(entryEncoding(e)));
    }

    static byte[] entryEncoding(LedgerEntry e) {
        return new Encoding()
                .field(ENTRY_ENCODING)
                .field(Long.toString(e.sequence()))
                .field(e.entryId().toString())
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

    /** SHA-256 of the salt followed by the UTF-8 of the (normalised) address. */
    public static String addressCommitment(byte[] salt, String address) {
        return hex(sha256(salt, address.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256 of the salt followed by the canonical encoding of the evidence. */
    public static String evidenceCommitment(byte[] salt, Evidence evidence) {
        return hex(sha256(salt, evidenceEncoding(evidence)));
    }

    /**
     * Evidence without double opt-in fields is encoded as version 2, byte for byte as before they existed, so
     * every commitment made then still matches its stored evidence; evidence with them as version 3: the
     * fields of version 2, then sent at, clicked at and nonce.
     */
    static byte[] evidenceEncoding(Evidence evidence) {
        Encoding encoding = new Encoding()
                .field(evidence.hasConfirmation() ? CONFIRMATION_EVIDENCE_ENCODING : EVIDENCE_ENCODING)
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
        if (evidence.hasConfirmation()) {
            encoding.field(evidence.confirmationSentAt())
                    .field(evidence.confirmationClickedAt())
                    .field(evidence.confirmationNonce());
        }
        return encoding.bytes();
    }

    private static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /** Cloning a prototype skips the provider look-up, which shows when a million entries are verified. */
    private static final MessageDigest SHA_256 = sha256Prototype();

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Prototype();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static final class Encoding {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        Encoding field(String value) {
            if (value == null) {
                length(-1);
                return this;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            length(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        /** 4 bytes, big-endian. */
        private void length(int length) {
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }

        Encoding field(Enum<?> value) {
            return field(value == null ? null : value.name());
        }

        Encoding field(Instant value) {
            return field(value == null ? null : Long.toString(value.toEpochMilli()));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
