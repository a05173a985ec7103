package dev.kairos.preferences.customers.messaging;

import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.preferences.customers.PreferencesChanged;
import dev.kairos.preferences.customers.PreferencesEvents;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Appends each snapshot to the outbox, keyed by customer id, for the compacted contact-preferences topic. */
@Component
class OutboxPreferencesEvents implements PreferencesEvents {

    private final AvroSerde<ContactPreferences> serde = KairosSerdes.contactPreferences();
    private final Outbox outbox;
    private final String topic;
    private final Counter appended;
    private final MeterRegistry meters;

    OutboxPreferencesEvents(Outbox outbox, TopicsProperties topics, MeterRegistry meters) {
        this.outbox = outbox;
        this.topic = topics.name("contact-preferences");
        this.meters = meters;
        this.appended = Counter.builder("kairos.preferences.events")
                .tag("type", "ContactPreferences")
                .description("Events appended to the outbox")
                .register(meters);
    }

    @Override
    public void preferencesChanged(PreferencesChanged event) {
        outbox.append(topic, event.preferences().customerId(), serde.encode(Snapshots.toRecord(event)),
                event.eventId());
        appended.increment();
        meters.counter("kairos.preferences.changes", "kind", event.kind().name()).increment();
    }

    @Override
    public void preferencesErased(String customerId, String eventId) {
        // A null value is the tombstone: compaction removes every earlier snapshot of the customer.
        outbox.append(topic, customerId, null, eventId);
        meters.counter("kairos.preferences.changes", "kind", "ERASURE").increment();
    }
}
