package dev.kairos.dispatch.instances;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seal a channel end puts on a fallback it writes back to a lane's inbox (ADR 0048), and the engine's check of
 * it: an HMAC-SHA256, under the key only dispatch instances hold ({@code kairos.instances.key}, the one of
 * {@link InstanceCredential}, with a label of its own so a credential is never a seal nor the reverse), of the
 * request id, customer id, topic, the channel that failed, when the failed send was decided, and the channels the
 * fallback may still use. Only a record carrying a valid seal may pass the engine's "a request id is decided once";
 * the engine then lets one fallback per request and failed channel through.
 *
 * <p>Header {@link #HEADER}, value {@code v1.<failed channel>.<decided at, epoch ms>.<base64url HMAC>}.
 */
public final class FallbackSeal {

    /** The record header carrying the seal. */
    public static final String HEADER = "kairos-fallback";

    private static final String VERSION = "v1";
    private static final String LABEL = "kairos dispatch fallback";

    /** What a valid seal says: the channel that failed, and when the failed send was decided. */
    public record Sealed(String failedChannel, Instant decidedAt) {
    }

    private final byte[] key;

    public FallbackSeal(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("a fallback seal needs a key");
        }
        this.key = key.clone();
    }

    /**
     * The header value for a fallback of {@code requestId} after {@code failedChannel} failed.
     *
     * @param channels the channels the fallback request names, in its order
     */
    public String seal(String requestId, String customerId, String topic, String failedChannel, Instant decidedAt,
                       List<String> channels) {
        checkChannel(failedChannel);
        long at = decidedAt.toEpochMilli();
        return VERSION + "." + failedChannel + "." + at + "."
                + mac(requestId, customerId, topic, failedChannel, at, channels);
    }

    /**
     * What the seal {@code header} says, if it was made with this key for exactly these fields; empty for anything
     * else (no header, another key, another request, customer, topic or channel list, a malformed value).
     */
    public Optional<Sealed> verify(byte[] header, String requestId, String customerId, String topic,
                                   List<String> channels) {
        if (header == null || header.length > 512) {
            return Optional.empty();
        }
        String[] parts = new String(header, StandardCharsets.US_ASCII).split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].matches("[A-Z]{1,16}")
                || !parts[2].matches("\\d{1,15}")) {
            return Optional.empty();
        }
        long at = Long.parseLong(parts[2]);
        String expected = mac(requestId, customerId, topic, parts[1], at, channels);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Sealed(parts[1], Instant.ofEpochMilli(at)));
    }

    private static void checkChannel(String channel) {
        if (channel == null || !channel.matches("[A-Z]{1,16}")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
    }

    private String mac(String requestId, String customerId, String topic, String failedChannel, long decidedAt,
                       List<String> channels) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // Each field length-prefixed: no two different field lists give the same bytes.
            StringBuilder signed = new StringBuilder(LABEL).append('\n').append(VERSION);
            for (String field : List.of(nullToEmpty(requestId), nullToEmpty(customerId), nullToEmpty(topic),
                    failedChannel, Long.toString(decidedAt), String.join(",", channels))) {
                signed.append('\n').append(field.length()).append(':').append(field);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
