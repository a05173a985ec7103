package dev.kairos.compliance.consents.messaging;

import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentEvents;
import dev.kairos.compliance.consents.CustomerConsents;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Each customer's full consent snapshot goes to the compacted {@code consents} topic, keyed by customer. */
@Component
class OutboxConsentEvents implements ConsentEvents {

    private final AvroSerde<ConsentState> serde = KairosSerdes.consentState();
    private final Outbox outbox;
    private final String topic;

    OutboxConsentEvents(Outbox outbox, TopicsProperties topics) {
        this.outbox = outbox;
        this.topic = topics.name("consents");
    }

    @Override
    public void changed(CustomerConsents consents) {
        String eventId = UUID.randomUUID().toString();
        outbox.append(topic, consents.customerId(), serde.encode(record(consents, eventId)), eventId);
    }

    @Override
    public void forgotten(String customerId) {
        outbox.append(topic, customerId, null, UUID.randomUUID().toString());
    }

    static ConsentState record(CustomerConsents state, String eventId) {
        return ConsentState.newBuilder()
                .setEventId(eventId)
                .setCustomerId(state.customerId())
                .setVersion(state.version())
                .setUpdatedAt(state.updatedAt())
                .setConsents(state.consents().stream().map(OutboxConsentEvents::record).toList())
                .build();
    }

    private static ChannelConsent record(Consent c) {
        return ChannelConsent.newBuilder()
                .setChannel(Channel.valueOf(c.channel().name()))
                .setPurpose(c.purpose())
                .setStatus(ConsentStatus.valueOf(c.status().name()))
                .setBasis(c.basis() == null ? null : LegalBasis.valueOf(c.basis().name()))
                .setAddressHmac(c.addressHmac())
                .setExpiresAt(c.expiresAt())
                .setEntryId(c.entryId().toString())
                .build();
    }
}
