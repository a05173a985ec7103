package dev.kairos.ledger.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The canonical encoding the ledger hashes, commits to and signs: a sequence of fields in a fixed order,
 * each a 4-byte big-endian signed length followed by that many bytes of UTF-8; a null field is the length
 * -1 and no bytes. Numbers are written in decimal, instants as decimal milliseconds since the epoch. The
 * first field names the encoding and its version, so that no version can produce the bytes of another.
 */
public final class CanonicalEncoding {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    /** An encoding whose first field is its name and version, e.g. {@code kairos.consent-ledger.entry.v1}. */
    public static CanonicalEncoding named(String encodingName) {
        return new CanonicalEncoding().field(encodingName);
    }

    public CanonicalEncoding field(String value) {
        if (value == null) {
            length(-1);
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        length(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    public CanonicalEncoding field(long value) {
        return field(Long.toString(value));
    }

    public CanonicalEncoding field(Instant value) {
        return field(value == null ? null : Long.toString(value.toEpochMilli()));
    }

    public CanonicalEncoding field(Enum<?> value) {
        return field(value == null ? null : value.name());
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** 4 bytes, big-endian. */
    private void length(int length) {
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
    }
}
