package dev.kairos.proto.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Schema fingerprints written the way they appear on the wire: the 8 bytes after the single-object
 * marker, in order, as hex. Someone holding only a hex dump of a message can look the schema up.
 */
final class Fingerprints {

    static final int MARKER_LENGTH = 2;
    static final int HEADER_LENGTH = MARKER_LENGTH + 8;

    private Fingerprints() {
    }

    static String of(Schema schema) {
        long crc64 = SchemaNormalization.parsingFingerprint64(schema);
        // The single-object header carries the CRC-64-AVRO value little-endian.
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(crc64).array());
    }

    static String inHeader(byte[] message) {
        return HexFormat.of().formatHex(message, MARKER_LENGTH, HEADER_LENGTH);
    }
}
