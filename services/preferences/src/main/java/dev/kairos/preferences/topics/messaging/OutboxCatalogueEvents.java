package dev.kairos.preferences.topics.messaging;

import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.preferences.topics.CatalogueEvents;
import dev.kairos.preferences.topics.TopicDefined;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Appends each catalogue entry to the outbox, keyed by topic id, for the compacted catalogue topic. */
@Component
class OutboxCatalogueEvents implements CatalogueEvents {

    private final AvroSerde<TopicCatalogueEntry> serde = KairosSerdes.topicCatalogueEntry();
    private final Outbox outbox;
    private final String topic;
    private final Counter appended;

    OutboxCatalogueEvents(Outbox outbox, TopicsProperties topics, MeterRegistry meters) {
        this.outbox = outbox;
        this.topic = topics.name("topics");
        this.appended = Counter.builder("kairos.preferences.events")
                .tag("type", "TopicCatalogueEntry")
                .description("Events appended to the outbox")
                .register(meters);
    }

    @Override
    public void topicDefined(TopicDefined event) {
        outbox.append(topic, event.topic().id(), serde.encode(CatalogueEntries.toRecord(event)), event.eventId());
        appended.increment();
    }
}
