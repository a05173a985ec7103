package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.dispatch.rendering.Template;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.dispatch.SendMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** The query port over the decision engine's stores (interactive queries of the running Kafka Streams client). */
class StoreQueries implements DispatchQueries {

    private final DecisionEngine engine;

    StoreQueries(DecisionEngine engine) {
        this.engine = engine;
    }

    private boolean running() {
        return engine.state() == KafkaStreams.State.RUNNING;
    }

    private KafkaStreams streams() {
        return engine.streams();
    }

    @Override
    public Holder holderOfStatus(String requestId) {
        return holderOf(StoreNames.MESSAGE_STATUS, requestId);
    }

    @Override
    public Holder holderOfCustomer(String customerId) {
        return holderOf(StoreNames.SEND_HISTORY, customerId);
    }

    private Holder holderOf(String storeName, String key) {
        if (!running()) {
            return new Holder.NoneYet();
        }
        KeyQueryMetadata metadata = streams().queryMetadataForKey(storeName, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Holder.NoneYet();
        }
        HostInfo active = metadata.activeHost();
        return active.equals(engine.self()) ? new Holder.Here() : new Holder.There(active.host(), active.port());
    }

    @Override
    public Optional<MessageStatus> status(String requestId) {
        if (!running()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, MessageStatus> store = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.MESSAGE_STATUS, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(requestId));
    }

    /**
     * What this instance's stores hold on a customer (ask {@link #holderOfCustomer} which instance that is),
     * as JSON per store: the preferences and consents dispatch decides on, the sends its frequency caps
     * count and the messages scheduled for them. Empty while the engine is not running.
     */
    @Override
    public Optional<Map<String, String>> customerData(String customerId) {
        if (!running()) {
            return Optional.empty();
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String storeName : List.of(StoreNames.PREFERENCES, StoreNames.CONSENTS)) {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<SpecificRecord>> store = streams().store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.timestampedKeyValueStore()));
            ValueAndTimestamp<SpecificRecord> value = store.get(customerId);
            if (value != null && value.value() != null) {
                data.put(storeName, GenericData.get().toString(value.value()));
            }
        }
        ReadOnlyKeyValueStore<String, List<SentMessage>> history = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.SEND_HISTORY, QueryableStoreTypes.keyValueStore()));
        List<SentMessage> sent = history.get(customerId);
        if (sent != null) {
            data.put(StoreNames.SEND_HISTORY, sent.stream()
                    .map(s -> "{\"at\": \"" + s.at() + "\", \"topic\": " + GenericData.get().toString(s.topic())
                            + ", \"marketing\": " + s.marketing() + "}")
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        // Schedules are ordered by instant, not by customer: an export is rare enough to scan for them.
        ReadOnlyKeyValueStore<Bytes, SendMessage> schedules = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.SCHEDULES, QueryableStoreTypes.keyValueStore()));
        List<String> theirs = new ArrayList<>();
        try (KeyValueIterator<Bytes, SendMessage> it = schedules.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, SendMessage> entry = it.next();
                if (customerId.equals(entry.value.getCustomerId())) {
                    theirs.add("{\"at\": \"" + ScheduleKeys.instant(entry.key) + "\", \"request\": "
                            + GenericData.get().toString(entry.value) + "}");
                }
            }
        }
        if (!theirs.isEmpty()) {
            data.put(StoreNames.SCHEDULES, "[" + String.join(", ", theirs) + "]");
        }
        ReadOnlyKeyValueStore<String, DigestEntry> digestItems = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.DIGEST_ITEMS, QueryableStoreTypes.keyValueStore()));
        List<String> waiting = new ArrayList<>();
        try (KeyValueIterator<String, DigestEntry> it = digestItems.prefixScan(DigestKeys.ofCustomer(customerId),
                new StringSerializer())) {
            it.forEachRemaining(item -> waiting.add("{\"at\": \"" + item.value.at() + "\", \"channel\": \""
                    + item.value.channel() + "\", \"request\": " + GenericData.get().toString(item.value.request()) + "}"));
        }
        if (!waiting.isEmpty()) {
            data.put(StoreNames.DIGEST_ITEMS, "[" + String.join(", ", waiting) + "]");
        }
        return Optional.of(data);
    }

    /** Whether the topic catalogue replica knows this topic; empty while the engine is not running. */
    @Override
    public Optional<Boolean> knowsTopic(String topicId) {
        if (!running()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, Object> store = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.CATALOGUE, QueryableStoreTypes.keyValueStore()));
        return Optional.of(store.get(topicId) != null);
    }

    @Override
    public Optional<Boolean> decidedByPriorityLane(String topicId) {
        if (!running()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, TopicCatalogueEntry> store = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.CATALOGUE, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(topicId)).map(topic -> Lane.of(topic) == Lane.PRIORITY);
    }

    @Override
    public Optional<Boolean> knowsTemplate(String templateId) {
        return running() ? Optional.of(template(templateId).isPresent()) : Optional.empty();
    }

    @Override
    public Optional<Template> template(String templateId) {
        if (!running()) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, MessageTemplate> store = streams().store(StoreQueryParameters.fromNameAndType(
                StoreNames.TEMPLATES, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(templateId)).map(Translations::template);
    }
}
