package dev.kairos.platform.messaging;

import dev.kairos.proto.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Builds the function behind a consumer binding. The binding hands over the record's bytes as received
 * (native decoding); they are decoded here, inside the function, so bytes that are not the topic's record fail
 * the function with a {@link org.apache.kafka.common.errors.SerializationException}, which is not retried:
 * the record goes to the dead-letter topic and the partition goes on.
 */
public final class KairosConsumers {

    private KairosConsumers() {
    }

    /** For a topic where every record carries a value: a tombstone is an {@link UnprocessableRecord}. */
    public static <T extends SpecificRecord> Consumer<Message<byte[]>> values(AvroSerde<T> serde, Consumer<T> apply) {
        return message -> {
            byte[] value = value(message);
            if (value == null) {
                throw new UnprocessableRecord("A tombstone on a topic whose records all carry a value");
            }
            apply.accept(serde.decode(value));
        };
    }

    /** For a compacted topic: the record's key with its value, or with null for a tombstone. */
    public static <T extends SpecificRecord> Consumer<Message<byte[]>> keyed(AvroSerde<T> serde, BiConsumer<String, T> apply) {
        return message -> {
            byte[] value = value(message);
            apply.accept(key(message), value == null ? null : serde.decode(value));
        };
    }

    /**
     * The value as received, null for a tombstone (the binder hands a tombstone over as {@code KafkaNull}, not
     * as bytes, whatever the function's declared type).
     */
    private static byte[] value(Message<?> message) {
        return message.getPayload() instanceof byte[] bytes ? bytes : null;
    }

    private static String key(Message<?> message) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
