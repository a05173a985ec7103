package dev.kairos.platform.links;

import java.util.Base64;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * One link-signing key: its id (carried in every token it signs, so keys rotate by id), the issuer that
 * owns it, and the secret. The secret is never printed.
 */
public final class LinkKey {

    private final String id;
    private final String issuer;
    private final SecretKeySpec secret;

    public LinkKey(String id, String issuer, byte[] secret) {
        this.id = Objects.requireNonNull(id, "id");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        if (id.isEmpty() || id.length() > LinkToken.MAX_KEY_ID || !id.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("a link key id is 1 to " + LinkToken.MAX_KEY_ID + " printable ASCII characters");
        }
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("link key " + id + ": the secret must be at least 16 bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A key whose secret is given in base64 (standard or URL-safe), as in configuration. */
    public static LinkKey ofBase64(String id, String issuer, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("link key " + id + ": no secret configured");
        }
        String normalised = secret.trim().replace('-', '+').replace('_', '/');
        return new LinkKey(id, issuer, Base64.getDecoder().decode(normalised));
    }

    public String id() {
        return id;
    }

    public String issuer() {
        return issuer;
    }

    SecretKeySpec secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "LinkKey[" + id + ", " + issuer + "]";
    }
}
