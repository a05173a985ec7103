package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the status table folds, by request id: an outcome, or the news that a request arrived on the inbox
 * (so a request accepted but not yet decided answers ACCEPTED instead of 404, whichever instance accepted
 * it). Internal to the status repartition topic, so a tag byte and the outcome's own encoding suffice.
 */
record StatusInput(MessageOutcome outcome, String requestId, String customerId, Instant acceptedAt) {

    private static final byte OUTCOME = 0;
    private static final byte ACCEPTED = 1;

    static StatusInput of(MessageOutcome outcome) {
        return new StatusInput(outcome, outcome.getRequestId(), outcome.getCustomerId(), null);
    }

    static StatusInput accepted(SendMessage request, Instant at) {
        return new StatusInput(null, request.getRequestId(), request.getCustomerId(), at);
    }

    static Serde<StatusInput> serde() {
        Serializer<StatusInput> serializer = (topic, input) -> input == null ? null : write(input);
        Deserializer<StatusInput> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(StatusInput input) {
        if (input.outcome() != null) {
            byte[] outcome = EngineSerdes.OUTCOMES.encode(input.outcome());
            byte[] tagged = new byte[outcome.length + 1];
            tagged[0] = OUTCOME;
            System.arraycopy(outcome, 0, tagged, 1, outcome.length);
            return tagged;
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(ACCEPTED);
            out.writeUTF(input.requestId());
            out.writeUTF(input.customerId());
            out.writeLong(input.acceptedAt().toEpochMilli());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StatusInput read(byte[] bytes) {
        if (bytes[0] == OUTCOME) {
            return of(EngineSerdes.OUTCOMES.decode(Arrays.copyOfRange(bytes, 1, bytes.length)));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return new StatusInput(null, in.readUTF(), in.readUTF(), Instant.ofEpochMilli(in.readLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
