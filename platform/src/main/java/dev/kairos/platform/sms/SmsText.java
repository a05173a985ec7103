package dev.kairos.platform.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text as SMPP carries it. Sending: GSM 7-bit when every character is in the GSM alphabet, else UCS-2; a text
 * longer than one message (160 septets, or 70 UCS-2 characters) is split into parts of at most 153 septets or
 * 67 characters, each starting with a concatenation header (3GPP TS 23.040 § 9.2.3.24.1: IEI 0x00, 8-bit
 * reference, total, sequence), never splitting an extension character or a surrogate pair. Receiving: the
 * text of a short message in any of the usual data codings, and the concatenation header of a part.
 */
public final class SmsText {

    /** The alphabet of a text and its SMPP data_coding. */
    public enum Alphabet {
        GSM7(0x00), UCS2(0x08);

        private final int dataCoding;

        Alphabet(int dataCoding) {
            this.dataCoding = dataCoding;
        }

        public byte dataCoding() {
            return (byte) dataCoding;
        }
    }

    /** A text ready to submit: its alphabet, and its short messages (with their headers when there are several). */
    public record Encoded(Alphabet alphabet, List<byte[]> parts) {

        /** Whether the parts carry a user data header (esm_class UDHI). */
        public boolean concatenated() {
            return parts.size() > 1;
        }
    }

    /** Where a part of a long text belongs. */
    public record Concatenation(int reference, int total, int sequence) {
    }

    /** One received short message: its text and, when it is part of a long text, its place in it. */
    public record Part(String text, Concatenation concatenation) {
    }

    static final int MAX_PARTS = 255;
    private static final int SINGLE_OCTETS = 140;
    private static final int HEADER_OCTETS = 6;
    private static final int GSM_SINGLE = 160;
    private static final int GSM_PART = (SINGLE_OCTETS - HEADER_OCTETS) * 8 / 7;
    private static final int UCS2_SINGLE = SINGLE_OCTETS / 2;
    private static final int UCS2_PART = (SINGLE_OCTETS - HEADER_OCTETS) / 2;

    private SmsText() {
    }

    public static Alphabet alphabetFor(String text) {
        return Gsm7.canEncode(text) ? Alphabet.GSM7 : Alphabet.UCS2;
    }

    /**
     * @param reference the concatenation reference of a long text (its low 8 bits are used); deriving it from
     *                  the message keeps a repeated send identical
     * @throws IllegalArgumentException when the text needs more than 255 parts
     */
    public static Encoded encode(String text, int reference) {
        Alphabet alphabet = alphabetFor(text);
        List<String> chunks = alphabet == Alphabet.GSM7 ? gsmChunks(text) : ucs2Chunks(text);
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("a text of " + chunks.size() + " parts; at most " + MAX_PARTS);
        }
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (chunks.size() > 1) {
                out.writeBytes(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) chunks.size(), (byte) (i + 1)});
            }
            if (alphabet == Alphabet.GSM7) {
                chunks.get(i).chars().forEach(c -> Gsm7.encode((char) c, out));
            } else {
                out.writeBytes(chunks.get(i).getBytes(StandardCharsets.UTF_16BE));
            }
            parts.add(out.toByteArray());
        }
        return new Encoded(alphabet, List.copyOf(parts));
    }

    private static List<String> gsmChunks(String text) {
        int septets = text.chars().map(c -> Gsm7.septets((char) c)).sum();
        if (septets <= GSM_SINGLE) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = Gsm7.septets(text.charAt(i));
            if (used + size > GSM_PART) {
                chunks.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += size;
        }
        chunks.add(text.substring(start));
        return chunks;
    }

    private static List<String> ucs2Chunks(String text) {
        if (text.length() <= UCS2_SINGLE) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + UCS2_PART, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            chunks.add(text.substring(start, end));
            start = end;
        }
        return chunks;
    }

    /**
     * The text of one short message. {@code dataCoding} 0x00 is read as GSM 7-bit (the SMSC default alphabet of
     * most SMSCs), 0x08 as UCS-2, 0x01 as ASCII, 0x03 as Latin-1, and the GSM general and message-class groups
     * by their alphabet bits. {@code userDataHeader}: esm_class UDHI, the message starts with a header.
     */
    public static Part decode(int dataCoding, byte[] shortMessage, boolean userDataHeader) {
        byte[] message = shortMessage == null ? new byte[0] : shortMessage;
        int from = 0;
        Concatenation concatenation = null;
        if (userDataHeader && message.length > 0) {
            int headerLength = message[0] & 0xFF;
            from = Math.min(message.length, headerLength + 1);
            concatenation = concatenation(Arrays.copyOfRange(message, 1, from));
        }
        byte[] body = Arrays.copyOfRange(message, from, message.length);
        String text = switch (reading(dataCoding & 0xFF)) {
            case GSM -> Gsm7.decode(body);
            case UCS2 -> new String(body, StandardCharsets.UTF_16BE);
            case ASCII -> new String(body, StandardCharsets.US_ASCII);
            case LATIN1 -> new String(body, StandardCharsets.ISO_8859_1);
        };
        return new Part(text, concatenation);
    }

    private enum Reading { GSM, UCS2, ASCII, LATIN1 }

    private static Reading reading(int dcs) {
        if (dcs == 0x00) {
            return Reading.GSM;
        }
        if (dcs == 0x08) {
            return Reading.UCS2;
        }
        if (dcs == 0x01) {
            return Reading.ASCII;
        }
        if (dcs >= 0x10 && dcs <= 0x3F) {
            int bits = (dcs >> 2) & 0x03;
            return bits == 0 ? Reading.GSM : bits == 2 ? Reading.UCS2 : Reading.LATIN1;
        }
        if ((dcs & 0xF0) == 0xF0) {
            return (dcs & 0x04) == 0 ? Reading.GSM : Reading.LATIN1;
        }
        return Reading.LATIN1;
    }

    /** The concatenation element (8-bit reference 0x00 or 16-bit 0x08) among a header's elements, if any. */
    private static Concatenation concatenation(byte[] elements) {
        int i = 0;
        while (i + 1 < elements.length) {
            int id = elements[i] & 0xFF;
            int length = elements[i + 1] & 0xFF;
            int data = i + 2;
            if (data + length > elements.length) {
                return null;
            }
            if (id == 0x00 && length == 3) {
                return new Concatenation(elements[data] & 0xFF, elements[data + 1] & 0xFF, elements[data + 2] & 0xFF);
            }
            if (id == 0x08 && length == 4) {
                return new Concatenation(((elements[data] & 0xFF) << 8) | (elements[data + 1] & 0xFF),
                        elements[data + 2] & 0xFF, elements[data + 3] & 0xFF);
            }
            i = data + length;
        }
        return null;
    }
}
