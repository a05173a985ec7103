package dev.kairos.platform.addresses;

import java.util.List;

/**
 * A postal address as one line: recipient, street lines, postal code and city, country (ISO 3166-1 alpha-2),
 * joined by ", ". Suppressions, consents and channel signals name a postal address by the {@link AddressHmac} of
 * this line, so whoever names one must build it the same way.
 */
public final class PostalLine {

    private PostalLine() {
    }

    public static String of(String recipient, List<String> lines, String postalCode, String city, String country) {
        return String.join(", ", recipient, String.join(", ", lines), postalCode + " " + city, country);
    }
}
