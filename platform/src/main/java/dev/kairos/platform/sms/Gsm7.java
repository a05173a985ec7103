package dev.kairos.platform.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 § 6.2.1), one septet per octet
 * ("unpacked", as SMPP carries it with data_coding 0). An extension character takes two septets: the escape
 * (0x1B) and its code.
 */
final class Gsm7 {

    static final int ESCAPE = 0x1B;

    /** Index = code. The escape's place holds a character no text is expected to carry, and is never used. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\uFFFFÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION_CHARS = "\f^{}\\[~]|€";
    private static final int[] EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private Gsm7() {
    }

    /** Septets the character takes: 1 (basic), 2 (extension), or 0 when the alphabet cannot carry it. */
    static int septets(char c) {
        if (c != '\uFFFF' && BASIC.indexOf(c) >= 0) {
            return 1;
        }
        return EXTENSION_CHARS.indexOf(c) >= 0 ? 2 : 0;
    }

    static boolean canEncode(String text) {
        return text.chars().allMatch(c -> septets((char) c) > 0);
    }

    static void encode(char c, ByteArrayOutputStream out) {
        int basic = c == '\uFFFF' ? -1 : BASIC.indexOf(c);
        if (basic >= 0) {
            out.write(basic);
            return;
        }
        int extension = EXTENSION_CHARS.indexOf(c);
        if (extension < 0) {
            throw new IllegalArgumentException("not in the GSM 7-bit alphabet: U+" + Integer.toHexString(c));
        }
        out.write(ESCAPE);
        out.write(EXTENSION_CODES[extension]);
    }

    /** Septets to text; an unknown extension code reads as a space, as 3GPP TS 23.038 asks of a receiver. */
    static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < septets.length; i++) {
            int code = septets[i] & 0x7F;
            if (code != ESCAPE) {
                text.append(BASIC.charAt(code));
                continue;
            }
            if (++i == septets.length) {
                break;
            }
            int extension = septets[i] & 0x7F;
            char decoded = ' ';
            for (int e = 0; e < EXTENSION_CODES.length; e++) {
                if (EXTENSION_CODES[e] == extension) {
                    decoded = EXTENSION_CHARS.charAt(e);
                }
            }
            text.append(decoded);
        }
        return text.toString();
    }
}
