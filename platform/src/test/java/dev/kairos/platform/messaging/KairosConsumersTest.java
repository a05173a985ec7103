package dev.kairos.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class KairosConsumersTest {

    private static final AvroSerde<CustomerErased> SERDE = KairosSerdes.customerErased();
    private static final CustomerErased ERASED = CustomerErased.newBuilder().setEventId("e-1").setCustomerId("c-1")
            .setErasedAt(Instant.parse("2026-12-01T10:00:00Z")).build();

    @Test
    void aValueIsDecodedAndHandedOver() {
        List<CustomerErased> applied = new ArrayList<>();

        KairosConsumers.values(SERDE, applied::add).accept(message(SERDE.encode(ERASED)));

        assertThat(applied).containsExactly(ERASED);
    }

    @Test
    void bytesThatAreNotTheRecordFailWithASerializationException() {
        assertThatThrownBy(() -> KairosConsumers.values(SERDE, erased -> { }).accept(message(new byte[] {1, 2, 3})))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void aTombstoneIsUnprocessableWhereValuesAreRequiredAndNullWithItsKeyOnACompactedTopic() {
        @SuppressWarnings("unchecked")
        Message<byte[]> tombstone = (Message<byte[]>) (Message<?>) MessageBuilder.withPayload(KafkaNull.INSTANCE)
                .setHeader(KafkaHeaders.RECEIVED_KEY, "c-1".getBytes(StandardCharsets.UTF_8)).build();
        List<String> forgotten = new ArrayList<>();

        assertThatThrownBy(() -> KairosConsumers.values(SERDE, erased -> { }).accept(tombstone))
                .isInstanceOf(UnprocessableRecord.class);
        KairosConsumers.keyed(SERDE, (key, erased) -> forgotten.add(key + "=" + erased)).accept(tombstone);
        assertThat(forgotten).containsExactly("c-1=null");
    }

    private static Message<byte[]> message(byte[] value) {
        return MessageBuilder.withPayload(value).setHeader(KafkaHeaders.RECEIVED_KEY, "c-1".getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
