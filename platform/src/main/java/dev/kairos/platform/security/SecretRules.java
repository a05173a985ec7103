package dev.kairos.platform.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * The rules every secret key obeys outside the {@code local} profile: it is set, it has at least 32 bytes
 * (the output size of the HMAC-SHA256 it keys, so it is never the weaker part), and it is not one of the
 * development values published in this repository, with which anyone could forge customer links or
 * recompute the address hashes.
 */
public final class SecretRules {

    public static final int MIN_BYTES = 32;

    /** Development keys that are or were in this repository's configuration: public, whatever their length. */
    private static final Set<String> KNOWN_DEVELOPMENT_VALUES = Set.of(
            "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc=",
            "RYpwUqM1051J8ldz3weIT4qAEQlFwxtOjRbIwMv5Fwo=",
            "6F39h5EK7/FFWE9qK6Xbna7pTQ8/63Us6Vsgl4etEV8=",
            "Pv7TD9J6DLDandDth3apOaGSN7Sx4PQucoJ4ANxGe60=",
            "kairos-local-address-key",
            "kairos-compose-address-key");

    private SecretRules() {
    }

    /**
     * The text itself is the key (the address HMAC key).
     *
     * @param name  the property, for the message (never the value)
     * @param local whether the local profile is on: then anything non-empty goes
     * @throws IllegalStateException when the key breaks a rule
     */
    public static String checkText(String name, String value, boolean local) {
        requirePresent(name, value);
        if (!local) {
            check(name, value.strip(), value.getBytes(StandardCharsets.UTF_8).length);
        }
        return value;
    }

    /** The key is given in base64 (standard or URL-safe): a link-signing key. */
    public static byte[] checkBase64(String name, String value, boolean local) {
        requirePresent(name, value);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (!local) {
            check(name, value.strip(), key.length);
        }
        return key;
    }

    private static void requirePresent(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: give it a secret of at least " + MIN_BYTES
                    + " random bytes (only the local profile has development keys)");
        }
    }

    private static void check(String name, String value, int bytes) {
        if (KNOWN_DEVELOPMENT_VALUES.contains(value)) {
            throw new IllegalStateException(name + " is a development key published in the Kairos repository: "
                    + "anyone could use it. Give it a secret of your own.");
        }
        if (bytes < MIN_BYTES) {
            throw new IllegalStateException(name + " has " + bytes + " bytes: it needs at least " + MIN_BYTES
                    + " random bytes");
        }
    }
}
