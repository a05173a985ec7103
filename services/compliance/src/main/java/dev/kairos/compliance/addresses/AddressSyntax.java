package dev.kairos.compliance.addresses;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether an address can be one of the channel's. Only the form is checked: that the address exists and
 * belongs to the customer is what double opt-in proves.
 */
public final class AddressSyntax {

    /** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

    /**
     * The dot-atom local part of RFC 5322 and a domain of at least two DNS labels; quoted local parts and
     * address literals are legal but refused, as mail providers refuse them too.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");

    /** RFC 5321 limits a forward path to 256 octets, brackets included. */
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_EMAIL_LOCAL_PART = 64;
    private static final int MAX_POSTAL_LENGTH = 1000;

    private AddressSyntax() {
    }

    /** Why the address cannot be one of the channel's, or empty when it can. Surrounding spaces are ignored. */
    public static Optional<String> problem(Channel channel, String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("must not be blank");
        }
        String trimmed = address.trim();
        return switch (channel) {
            case EMAIL -> isEmail(trimmed) ? Optional.empty() : Optional.of("must be an email address");
            case SMS -> E164.matcher(trimmed).matches()
                    ? Optional.empty()
                    : Optional.of("must be a phone number in E.164 form, e.g. +33612345678");
            case MAIL -> trimmed.length() <= MAX_POSTAL_LENGTH
                    ? Optional.empty()
                    : Optional.of("must be at most " + MAX_POSTAL_LENGTH + " characters");
        };
    }

    private static boolean isEmail(String address) {
        int at = address.lastIndexOf('@');
        return address.length() <= MAX_EMAIL_LENGTH
                && at > 0 && at <= MAX_EMAIL_LOCAL_PART
                && EMAIL.matcher(address).matches();
    }
}
