package dev.kairos.proto.serde;

import org.apache.avro.SystemLimitException;

/**
 * Bounds what Avro allocates while decoding: a record that claims a 2 GB string or a billion array items
 * fails at once with a {@link SystemLimitException} instead of reaching an OutOfMemoryError. Avro reads
 * its limits once, from system properties, when it first decodes; a value the user set (with {@code -D})
 * is kept.
 */
final class AvroLimits {

    /**
     * The largest record a Kairos topic accepts (Kafka's default {@code max.message.bytes}, which no topic
     * raises): no string, byte array or collection in one record can be longer, since each item takes at
     * least a byte.
     */
    static final int LARGEST_RECORD = 1024 * 1024;

    private AvroLimits() {
    }

    static void apply() {
        for (String property : new String[] {SystemLimitException.MAX_BYTES_LENGTH_PROPERTY,
                SystemLimitException.MAX_STRING_LENGTH_PROPERTY, SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, Integer.toString(LARGEST_RECORD));
            }
        }
    }
}
