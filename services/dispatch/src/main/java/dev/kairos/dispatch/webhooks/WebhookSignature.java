package dev.kairos.dispatch.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature headers of one delivery, both HMAC-SHA256 under the endpoint's secret:
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-id} (the outcome's event id), {@code webhook-timestamp} (Unix seconds),
 *       {@code webhook-signature: v1,<base64 of HMAC over "<id>.<timestamp>.<body>">};</li>
 *   <li>{@code Kairos-Signature: t=<timestamp>,v1=<hex of HMAC over "<timestamp>.<body>">}.</li>
 * </ul>
 * A receiver recomputes either over the raw body and compares in constant time, and refuses a timestamp far from
 * its own clock (replays).
 */
public record WebhookSignature(String id, long timestamp, String standard, String kairos) {

    public static WebhookSignature sign(byte[] secret, String id, long timestamp, byte[] body) {
        String standard = "v1," + Base64.getEncoder().encodeToString(hmac(secret, id + "." + timestamp + ".", body));
        String kairos = "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + ".", body));
        return new WebhookSignature(id, timestamp, standard, kairos);
    }

    private static byte[] hmac(byte[] secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
