package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.SentMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The frequency history of one customer in the send-history store: a version byte, then per send the
 * instant, whether it was MARKETING and the topic. Internal to dispatch (it never leaves its changelog),
 * so it is not an Avro contract.
 */
final class SendHistorySerde {

    private static final byte VERSION = 1;

    private SendHistorySerde() {
    }

    static Serde<List<SentMessage>> serde() {
        Serializer<List<SentMessage>> serializer = (topic, sends) -> sends == null ? null : write(sends);
        Deserializer<List<SentMessage>> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(List<SentMessage> sends) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(sends.size());
            for (SentMessage s : sends) {
                out.writeLong(s.at().toEpochMilli());
                out.writeBoolean(s.marketing());
                out.writeUTF(s.topic());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SentMessage> read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown send-history version " + version);
            }
            int count = in.readInt();
            List<SentMessage> sends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Instant at = Instant.ofEpochMilli(in.readLong());
                boolean marketing = in.readBoolean();
                sends.add(new SentMessage(at, in.readUTF(), marketing));
            }
            return sends;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
