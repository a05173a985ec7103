package dev.kairos.dispatch.engine;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * An upper bound on the size of a record in Avro single-object encoding, found without encoding it: a send far
 * below the record limit is then not encoded twice, once to measure it and once to write it (ADR 0045). Each value
 * is counted at its largest encoding (a string at 3 bytes per UTF-16 char, a number at 10, 5 more for a union's
 * branch); a value of a kind not listed makes the bound useless, so that the caller encodes to know.
 */
final class EncodedSize {

    /** The single-object header: two marker bytes and the schema's 8-byte fingerprint. */
    private static final long HEADER = 10;
    private static final long VARINT = 10;
    /** A union's branch index: an int, at most 5 bytes as a varint (fields have no other overhead in Avro binary). */
    private static final long BRANCH = 5;
    private static final long UNKNOWN = Long.MAX_VALUE / 4;

    private EncodedSize() {
    }

    static long atMost(IndexedRecord record) {
        return HEADER + of(record);
    }

    private static long of(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof CharSequence text) {
            return VARINT + 3L * text.length();
        }
        if (value instanceof Number || value instanceof Instant || value instanceof Enum<?>
                || value instanceof GenericEnumSymbol<?>) {
            return VARINT;
        }
        if (value instanceof IndexedRecord record) {
            long size = 0;
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                size = Math.min(UNKNOWN, size + BRANCH + of(record.get(i)));
            }
            return size;
        }
        if (value instanceof Collection<?> items) {
            long size = 2 * VARINT;
            for (Object item : items) {
                size = Math.min(UNKNOWN, size + of(item));
            }
            return size;
        }
        if (value instanceof Map<?, ?> entries) {
            long size = 2 * VARINT;
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                size = Math.min(UNKNOWN, size + of(entry.getKey()) + of(entry.getValue()));
            }
            return size;
        }
        if (value instanceof ByteBuffer bytes) {
            return VARINT + bytes.remaining();
        }
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().length;
        }
        return UNKNOWN;
    }
}
