package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A request waiting in the digest-items store: the digest instant computed when it was queued, when that
 * was, the digest's channel, and the request itself (to check and render it when the digest goes). Stored as a
 * version byte, the two instants, the channel, then the request in its Avro contract encoding; internal to
 * dispatch.
 */
record DigestEntry(Instant at, Instant queuedAt, Channel channel, SendMessage request) {

    private static final byte VERSION = 1;

    static Serde<DigestEntry> serde() {
        Serializer<DigestEntry> serializer = (topic, entry) -> entry == null ? null : write(entry);
        Deserializer<DigestEntry> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(DigestEntry entry) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(entry.at().toEpochMilli());
            out.writeLong(entry.queuedAt().toEpochMilli());
            out.writeUTF(entry.channel().name());
            out.write(EngineSerdes.REQUESTS.encode(entry.request()));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DigestEntry read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown digest-entry version " + version);
            }
            Instant at = Instant.ofEpochMilli(in.readLong());
            Instant queuedAt = Instant.ofEpochMilli(in.readLong());
            Channel channel = Channel.valueOf(in.readUTF());
            return new DigestEntry(at, queuedAt, channel, EngineSerdes.REQUESTS.decode(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
