package dev.kairos.compliance.subjects.messaging;

import dev.kairos.compliance.subjects.ErasureEvents;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code CustomerErased} on compliance.erasures.v1, keyed by customer: preferences and dispatch delete theirs. */
@Component
class OutboxErasureEvents implements ErasureEvents {

    private final AvroSerde<CustomerErased> serde = KairosSerdes.customerErased();
    private final Outbox outbox;
    private final String topic;

    OutboxErasureEvents(Outbox outbox, TopicsProperties topics) {
        this.outbox = outbox;
        this.topic = topics.name("erasures");
    }

    @Override
    public void erased(String customerId, Instant erasedAt, Set<String> addressHmacs) {
        String eventId = UUID.randomUUID().toString();
        outbox.append(topic, customerId, serde.encode(CustomerErased.newBuilder()
                .setEventId(eventId)
                .setCustomerId(customerId)
                .setErasedAt(erasedAt)
                .setAddressHmacs(List.copyOf(addressHmacs))
                .build()), eventId);
    }
}
