package dev.kairos.compliance.suppressions.messaging;

import dev.kairos.compliance.suppressions.Suppression;
import dev.kairos.compliance.suppressions.SuppressionEvents;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Suppressions go to the compacted suppressions topic, keyed by the address HMAC; a lift is a tombstone. */
@Component
class OutboxSuppressionEvents implements SuppressionEvents {

    private final AvroSerde<dev.kairos.proto.compliance.Suppression> serde = KairosSerdes.suppression();
    private final Outbox outbox;
    private final String topic;

    OutboxSuppressionEvents(Outbox outbox, TopicsProperties topics) {
        this.outbox = outbox;
        this.topic = topics.name("suppressions");
    }

    @Override
    public void suppressed(Suppression suppression) {
        String eventId = UUID.randomUUID().toString();
        outbox.append(topic, suppression.addressHmac(), serde.encode(record(suppression, eventId)), eventId);
    }

    @Override
    public void lifted(String addressHmac) {
        outbox.append(topic, addressHmac, null, UUID.randomUUID().toString());
    }

    static dev.kairos.proto.compliance.Suppression record(Suppression s, String eventId) {
        return dev.kairos.proto.compliance.Suppression.newBuilder()
                .setEventId(eventId)
                .setAddressHmac(s.addressHmac())
                .setChannel(s.channel() == null ? null : Channel.valueOf(s.channel().name()))
                .setReason(SuppressionReason.valueOf(s.reason().name()))
                .setSince(s.since())
                .build();
    }
}
