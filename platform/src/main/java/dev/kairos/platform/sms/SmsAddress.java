package dev.kairos.platform.sms;

/**
 * Addresses as SMPP carries them (type of number, numbering plan, digits) and as Kairos writes them. An E.164
 * number ({@code +33612345678}) is international/ISDN without its '+'; an all-digit short code is
 * network-specific; anything else is an alphanumeric sender id. Back from SMPP, an international number gets its
 * '+' again; any other address stays as given.
 */
public record SmsAddress(byte typeOfNumber, byte numberingPlan, String value) {

    public static final byte INTERNATIONAL = 0x01;
    public static final byte NETWORK_SPECIFIC = 0x03;
    public static final byte ALPHANUMERIC = 0x05;
    public static final byte UNKNOWN_PLAN = 0x00;
    public static final byte ISDN = 0x01;

    public static SmsAddress of(String address) {
        String trimmed = address.trim();
        if (trimmed.matches("\\+[0-9]{1,20}")) {
            return new SmsAddress(INTERNATIONAL, ISDN, trimmed.substring(1));
        }
        if (trimmed.matches("[0-9]{1,20}")) {
            return new SmsAddress(NETWORK_SPECIFIC, UNKNOWN_PLAN, trimmed);
        }
        return new SmsAddress(ALPHANUMERIC, UNKNOWN_PLAN, trimmed);
    }

    /** The address Kairos writes for what SMPP gave: E.164 for an international number. */
    public static String toKairos(byte typeOfNumber, String value) {
        String given = value == null ? "" : value.trim();
        return typeOfNumber == INTERNATIONAL && !given.startsWith("+") ? "+" + given : given;
    }
}
