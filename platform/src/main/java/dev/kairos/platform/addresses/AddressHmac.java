package dev.kairos.platform.addresses;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (lower-case hex) of a normalised address, under a key shared by compliance and dispatch.
 * Suppressions and consents name addresses this way: a bare hash of a phone number could be brute-forced,
 * a keyed one cannot without the key.
 *
 * <p>Normalisation: an email address is trimmed and lower-cased; a phone number is E.164 as given,
 * trimmed; any other address (postal) is trimmed, upper-cased, with runs of white space folded to one.
 */
public final class AddressHmac {

    private final SecretKeySpec key;

    public AddressHmac(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("kairos.address-hmac-key must be set");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalise(address).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static String normalise(String address) {
        String trimmed = address.trim();
        if (trimmed.contains("@")) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        if (trimmed.startsWith("+")) {
            return trimmed;
        }
        return trimmed.replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
