package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Sends each request arriving in a lane's inbox to the lane of its topic's category (catalogue replica): one lane
 * decides every request of a topic, so its request ids are remembered in one place. A request handed over once is
 * decided where it lands, so two replicas of the catalogue seeing a category change at different times never pass
 * it back and forth; a topic not in the catalogue is decided (rejected) where it arrived.
 */
class LaneRouter implements FixedKeyProcessor<String, SendMessage, LaneRouter.Routed> {

    /** A request and whether this lane decides it. */
    record Routed(SendMessage request, boolean here) {
    }

    private final Lane lane;
    private FixedKeyProcessorContext<String, Routed> context;
    private KeyValueStore<String, ValueAndTimestamp<TopicCatalogueEntry>> catalogue;

    LaneRouter(Lane lane) {
        this.lane = lane;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Routed> context) {
        this.context = context;
        this.catalogue = context.getStateStore(StoreNames.CATALOGUE);
    }

    @Override
    public void process(FixedKeyRecord<String, SendMessage> record) {
        SendMessage request = record.value();
        if (record.headers().lastHeader(Lane.HANDED_OVER) != null) {
            context.forward(record.withValue(new Routed(request, true)));
            return;
        }
        ValueAndTimestamp<TopicCatalogueEntry> topic = request.getTopic() == null ? null : catalogue.get(request.getTopic());
        boolean here = topic == null || topic.value() == null || Lane.of(topic.value()) == lane;
        if (!here) {
            record.headers().add(Lane.HANDED_OVER, lane.name().getBytes(StandardCharsets.UTF_8));
        }
        context.forward(record.withValue(new Routed(request, here)));
    }
}
