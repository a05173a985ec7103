package dev.kairos.dispatch.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the schedule store: the instant as 8 big-endian bytes of epoch milliseconds, then the request id.
 * RocksDB orders keys bytewise, so the store is ordered by instant and "everything due" is one range scan
 * from the start up to now.
 */
final class ScheduleKeys {

    private ScheduleKeys() {
    }

    static Bytes of(Instant at, String requestId) {
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(at.toEpochMilli()).put(id).array());
    }

    /** The last key of anything due at or before {@code now}: the 8-byte prefix of the next millisecond sorts after them. */
    static Bytes dueUpTo(Instant now) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(now.toEpochMilli() + 1).array());
    }

    static Instant instant(Bytes key) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key.get()).getLong());
    }

    /** The id after the instant. */
    static String id(Bytes key) {
        return new String(key.get(), Long.BYTES, key.get().length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
