package dev.kairos.dispatch.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The requests one digest message carries, so that each is given the digest's outcomes. Stored as a version
 * byte, a count, then per request its id and campaign id; internal to dispatch.
 */
record DigestMembers(List<Member> members) {

    /** One request listed in a digest. */
    record Member(String requestId, String campaignId) {
    }

    private static final byte VERSION = 1;

    static Serde<DigestMembers> serde() {
        Serializer<DigestMembers> serializer = (topic, m) -> m == null ? null : write(m);
        Deserializer<DigestMembers> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(DigestMembers m) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(m.members().size());
            for (Member member : m.members()) {
                out.writeUTF(member.requestId());
                out.writeBoolean(member.campaignId() != null);
                if (member.campaignId() != null) {
                    out.writeUTF(member.campaignId());
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DigestMembers read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown digest-members version " + version);
            }
            int count = in.readInt();
            List<Member> members = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String requestId = in.readUTF();
                members.add(new Member(requestId, in.readBoolean() ? in.readUTF() : null));
            }
            return new DigestMembers(members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
