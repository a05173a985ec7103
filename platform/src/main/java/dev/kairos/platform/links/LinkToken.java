package dev.kairos.platform.links;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * The compact binary form of a signed link (ADR 0006), base64url without padding:
 *
 * <pre>
 * version(1) purpose(1) keyIdLength(1) keyId expiresAt(4, unsigned epoch seconds)
 * subjectLength(1) subject topicLength(1) topic channel(1: 0, E, S or M) nonceLength(1) nonce
 * mac(16: HMAC-SHA256 of everything before it, truncated)
 * </pre>
 *
 * An unsubscribe link for an eight-character customer id and a ten-character topic is 63 characters, so its
 * whole URL fits one SMS beside a short sentence.
 */
final class LinkToken {

    static final int MAX_KEY_ID = 16;
    private static final byte VERSION = 1;
    private static final int MAC_LENGTH = 16;
    private static final int MAX_FIELD = 255;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private LinkToken() {
    }

    static String encode(LinkClaims claims, LinkKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(VERSION);
        out.write(claims.purpose().code());
        writeField(out, key.id(), "key id");
        long expiry = claims.expiresAt().getEpochSecond();
        if (expiry < 0 || expiry > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("expiry out of range: " + claims.expiresAt());
        }
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) expiry).array());
        writeField(out, claims.subject(), "subject");
        writeField(out, claims.topic(), "topic");
        out.write(channelCode(claims.channel()));
        writeField(out, claims.nonce(), "nonce");
        byte[] body = out.toByteArray();
        byte[] signed = Arrays.copyOf(body, body.length + MAC_LENGTH);
        System.arraycopy(mac(key, body), 0, signed, body.length, MAC_LENGTH);
        return ENCODER.encodeToString(signed);
    }

    /** Reads the token without trusting it: the caller checks the signature with {@link #verify}. */
    static Parsed parse(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length < 3 + 4 + 1 + 1 + 1 + 1 + MAC_LENGTH || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - MAC_LENGTH);
        try {
            in.get();
            LinkPurpose purpose = LinkPurpose.ofCode(in.get());
            String keyId = readField(in);
            Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
            String subject = readField(in);
            String topic = readField(in);
            String channel = channelOf(in.get());
            String nonce = readField(in);
            if (purpose == null || keyId == null || subject == null || in.hasRemaining() || "?".equals(channel)) {
                return null;
            }
            byte[] body = Arrays.copyOf(bytes, bytes.length - MAC_LENGTH);
            byte[] mac = Arrays.copyOfRange(bytes, bytes.length - MAC_LENGTH, bytes.length);
            return new Parsed(keyId, new LinkClaims(purpose, subject, expiresAt, topic, channel, nonce), body, mac);
        } catch (RuntimeException truncated) {
            return null;
        }
    }

    record Parsed(String keyId, LinkClaims claims, byte[] body, byte[] mac) {

        boolean signedBy(LinkKey key) {
            return MessageDigest.isEqual(Arrays.copyOf(LinkToken.mac(key, body), MAC_LENGTH), mac);
        }
    }

    private static byte[] mac(LinkKey key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.secret());
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void writeField(ByteArrayOutputStream out, String value, String name) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_FIELD) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_FIELD + " bytes");
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static String readField(ByteBuffer in) {
        int length = Byte.toUnsignedInt(in.get());
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int channelCode(String channel) {
        if (channel == null) {
            return 0;
        }
        switch (channel) {
            case "EMAIL": return 'E';
            case "SMS": return 'S';
            case "MAIL": return 'M';
            default: throw new IllegalArgumentException("unknown channel " + channel);
        }
    }

    private static String channelOf(byte code) {
        switch (code) {
            case 0: return null;
            case 'E': return "EMAIL";
            case 'S': return "SMS";
            case 'M': return "MAIL";
            default: return "?";
        }
    }
}
