package dev.kairos.ledger.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex SHA-256, the form of every hash and commitment of the ledger. */
public final class Sha256 {

    /** Cloning a prototype skips the provider look-up, which shows when a million entries are verified. */
    private static final MessageDigest PROTOTYPE = newInstance();

    private Sha256() {
    }

    /** SHA-256 of the parts, one after the other, in lower-case hex. */
    public static String hex(byte[]... parts) {
        MessageDigest digest = digest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newInstance();
        }
    }

    private static MessageDigest newInstance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
