package dev.kairos.dispatch.channels.messaging;

import java.nio.charset.StandardCharsets;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A consumed record set aside on {@code dispatch.internal.dead-letters.v1} (output binding {@link #BINDING}): the
 * record as received, with where it came from and why in {@code kairos-dlq-*} headers. Sent from a consuming
 * binding's thread, it joins the transaction that consumes the record.
 */
public final class DeadLetterRecords {

    public static final String BINDING = "deadLetters";

    private DeadLetterRecords() {
    }

    /** The record as received, with its topic, partition, offset and {@code cause} as headers. */
    public static Message<byte[]> of(Message<?> message, String cause) {
        byte[] value = message.getPayload() instanceof byte[] bytes ? bytes : new byte[0];
        MessageBuilder<byte[]> letter = MessageBuilder.withPayload(value)
                .setHeader("kairos-dlq-topic", utf8(String.valueOf(message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC))))
                .setHeader("kairos-dlq-partition",
                        utf8(String.valueOf(message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION))))
                .setHeader("kairos-dlq-offset", utf8(String.valueOf(message.getHeaders().get(KafkaHeaders.OFFSET))))
                .setHeader("kairos-dlq-cause", utf8(cause));
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        if (key != null) {
            letter.setHeader(KafkaHeaders.KEY, key);
        }
        return letter.build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
