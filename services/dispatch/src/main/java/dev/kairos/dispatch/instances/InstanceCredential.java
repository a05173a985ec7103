package dev.kairos.dispatch.instances;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential one dispatch instance shows another when it forwards a read (ADR 0029): an HMAC-SHA256, under
 * a key only dispatch instances hold, of the method, the path and an expiry a few seconds ahead. It authorises
 * that one read for those seconds and nothing else; the caller's bearer token never leaves the instance it was
 * sent to.
 *
 * <p>Format: {@code v1.<expiry, epoch seconds>.<base64url HMAC>}.
 */
public final class InstanceCredential {

    static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final String VERSION = "v1";

    private final byte[] key;
    private final Clock clock;

    public InstanceCredential(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** A credential for {@code method} on {@code path} (as sent: encoded, with its query if it has one), valid from now. */
    public String issue(String method, String path) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        return VERSION + "." + expiry + "." + mac(method, path, expiry);
    }

    /** Whether {@code credential} was issued with this key for {@code method} on {@code path} and is still valid. */
    public boolean verify(String credential, String method, String path) {
        if (credential == null) {
            return false;
        }
        String[] parts = credential.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[1].matches("\\d{1,12}")) {
            return false;
        }
        long expiry = Long.parseLong(parts[1]);
        long now = clock.instant().getEpochSecond();
        if (expiry <= now || expiry > now + LIFETIME.toSeconds() + 5) {
            return false;
        }
        return MessageDigest.isEqual(mac(method, path, expiry).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String method, String path, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((VERSION + "\n" + method + "\n" + path + "\n" + expiry)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
