package dev.kairos.dispatch.engine;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import dev.kairos.proto.dispatch.SendMessage;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The decision topology of one lane (ADR 0036): each lane runs it as its own Kafka Streams application, on its own
 * inbox and send queues. A request whose topic belongs to the other lane is handed to that lane's inbox. Requests
 * are repartitioned by customer id so each is decided by the task that holds that customer's preferences and
 * consents (co-partitioned tables); the catalogue, the suppressions and the message templates are global. Approved
 * sends go to a send queue per channel; the arrival of each request and then its outcomes are folded, by request id,
 * into the status store that the API reads; the ordinary lane folds the statuses of both lanes' requests.
 */
final class DecisionTopology {

    /** The global tables' sources: their dead letters are written outside any task. */
    static final List<String> GLOBAL_SOURCES = List.of("topics", "suppressions", "templates");
    static final String REQUESTS_BY_CUSTOMER = "requests-by-customer";
    static final String OUTCOMES_BY_REQUEST = "outcomes-by-request";

    /**
     * The status changelog is compacted like every topic holding personal data: a purged status's tombstone
     * removes the status from it within 8 days (segments roll daily, compaction lag at most 7 days).
     */
    static final Map<String, String> STATUS_CHANGELOG = Map.of(
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(Duration.ofDays(7).toMillis()),
            TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()));

    private DecisionTopology() {
    }

    static Topology build(TopicsProperties topics, AddressHmac addressHmac, Clock clock,
                          DecisionMetrics metrics, EngineSettings settings, Lane lane) {
        StreamsBuilder builder = new StreamsBuilder();
        var preferences = builder.table(topics.name("contact-preferences"),
                Consumed.with(Serdes.String(), KairosSerdes.contactPreferences()),
                Materialized.<String, dev.kairos.proto.preferences.ContactPreferences, KeyValueStore<Bytes, byte[]>>as(
                        StoreNames.PREFERENCES));
        builder.table(topics.name("consents"),
                Consumed.with(Serdes.String(), KairosSerdes.consentState()),
                Materialized.<String, dev.kairos.proto.compliance.ConsentState, KeyValueStore<Bytes, byte[]>>as(
                        StoreNames.CONSENTS));
        builder.globalTable(topics.name("topics"),
                Consumed.with(Serdes.String(), KairosSerdes.topicCatalogueEntry()),
                Materialized.<String, dev.kairos.proto.preferences.TopicCatalogueEntry, KeyValueStore<Bytes, byte[]>>as(
                        StoreNames.CATALOGUE));
        builder.globalTable(topics.name("suppressions"),
                Consumed.with(Serdes.String(), KairosSerdes.suppression()),
                Materialized.<String, dev.kairos.proto.compliance.Suppression, KeyValueStore<Bytes, byte[]>>as(
                        StoreNames.SUPPRESSIONS));
        builder.globalTable(topics.name("templates"),
                Consumed.with(Serdes.String(), KairosSerdes.messageTemplate()),
                Materialized.<String, dev.kairos.proto.dispatch.MessageTemplate, KeyValueStore<Bytes, byte[]>>as(
                        StoreNames.TEMPLATES));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.REQUEST_IDS), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SEND_HISTORY), Serdes.String(), SendHistorySerde.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.SCHEDULES), Serdes.Bytes(), KairosSerdes.sendMessage()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DIGEST_ITEMS), Serdes.String(), DigestEntry.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DIGEST_DUE), Serdes.Bytes(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.DIGEST_MEMBERS), Serdes.Bytes(), DigestMembers.serde()));

        var routed = builder.stream(topics.name(lane.inbox()), Consumed.with(Serdes.String(), KairosSerdes.sendMessage()))
                .filter((key, request) -> request != null)
                .processValues(() -> new LaneRouter(lane))
                .split(Named.as("lane-"))
                .branch((key, request) -> request.here(), Branched.as("here"))
                .defaultBranch(Branched.as("elsewhere"));
        routed.get("lane-elsewhere").mapValues(LaneRouter.Routed::request)
                .to(topics.name(lane.other().inbox()), Produced.with(Serdes.String(), KairosSerdes.sendMessage()));
        KStream<String, SendMessage> requests = routed.get("lane-here").mapValues(LaneRouter.Routed::request);
        var decided = requests
                .selectKey((key, request) -> request.getCustomerId())
                .repartition(Repartitioned.with(Serdes.String(), KairosSerdes.sendMessage())
                        .withName(REQUESTS_BY_CUSTOMER)
                        .withNumberOfPartitions(topics.getPartitions()))
                .process(() -> new DecideProcessor(addressHmac, clock, metrics, settings),
                        StoreNames.REQUEST_IDS, StoreNames.SEND_HISTORY, StoreNames.SCHEDULES, StoreNames.DIGEST_ITEMS,
                        StoreNames.DIGEST_DUE, StoreNames.DIGEST_MEMBERS, StoreNames.PREFERENCES, StoreNames.CONSENTS);
        // A preference change has the customer's waiting digests looked at now (instant again, new time...).
        preferences.toStream().process(() -> new DigestWake(clock), StoreNames.DIGEST_ITEMS, StoreNames.DIGEST_DUE);

        // Keyed by customer id like the repartitioned requests, so each erasure reaches the task holding
        // that customer's history and schedules; each schedule it deletes ends with an outcome.
        builder.stream(topics.name("erasures"), Consumed.with(Serdes.String(), KairosSerdes.customerErased()))
                .process(() -> new EraseProcessor(clock, metrics), StoreNames.SEND_HISTORY, StoreNames.SCHEDULES,
                        StoreNames.DIGEST_ITEMS, StoreNames.DIGEST_DUE, StoreNames.DIGEST_MEMBERS)
                .to(topics.name("outcomes"), Produced.with(Serdes.String(), KairosSerdes.messageOutcome()));

        decided.flatMapValues(Decided::outcomes)
                .to(topics.name("outcomes"), Produced.with(Serdes.String(), KairosSerdes.messageOutcome()));
        decided.flatMapValues(Decided::sends)
                .to((key, send, context) -> topics.name(lane.sendQueue(send.getChannel())),
                        Produced.with(Serdes.String(), KairosSerdes.sendApproved()));

        KStream<String, MessageOutcome> outcomes = builder.stream(topics.name("outcomes"),
                Consumed.with(Serdes.String(), KairosSerdes.messageOutcome()));
        // Keyed by customer id like the decisions: the task that sent a digest gives its outcomes to the requests
        // it listed (the outcomes topic is co-partitioned with the customers' topics).
        outcomes.process(() -> new DigestOutcomes(clock, settings), StoreNames.DIGEST_MEMBERS)
                .to(topics.name("outcomes"), Produced.with(Serdes.String(), KairosSerdes.messageOutcome()));
        if (lane == Lane.ORDINARY) {
            foldStatuses(builder, topics, clock, settings, requests, outcomes);
        }
        return builder.build();
    }

    /**
     * The status table learns of a request when it arrives (ACCEPTED) and of each outcome after. One table holds
     * the statuses of both lanes, so any request id is looked up in one place: the priority lane's arrivals are
     * read from its inbox (what it cannot decode, it sets aside itself), its outcomes are on the outcomes topic.
     */
    private static void foldStatuses(StreamsBuilder builder, TopicsProperties topics, Clock clock,
                                     EngineSettings settings, KStream<String, SendMessage> requests,
                                     KStream<String, MessageOutcome> outcomes) {
        KStream<String, SendMessage> priority = builder.stream(topics.name(Lane.PRIORITY.inbox()),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .flatMapValues(DecisionTopology::decodedOrNothing);
        KStream<String, StatusInput> accepted = requests.merge(priority).map((key, request) ->
                KeyValue.pair(request.getRequestId(), StatusInput.accepted(request, clock.instant())));
        outcomes
                .map((customerId, outcome) -> KeyValue.pair(outcome.getRequestId(), StatusInput.of(outcome)))
                .merge(accepted)
                .groupByKey(Grouped.with(OUTCOMES_BY_REQUEST, Serdes.String(), StatusInput.serde()))
                .aggregate(StatusFold::initial, (requestId, input, status) -> StatusFold.apply(input, status),
                        Materialized.<String, MessageStatus, KeyValueStore<Bytes, byte[]>>as(
                                        StoreNames.MESSAGE_STATUS)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(AvroSerde.of(MessageStatus.class))
                                .withLoggingEnabled(STATUS_CHANGELOG))
                // Same task as the store: purges statuses whose final outcome is past the retention.
                .toStream()
                .process(() -> new StatusRetention(clock, settings), StoreNames.MESSAGE_STATUS);
    }

    private static List<SendMessage> decodedOrNothing(byte[] value) {
        if (value == null) {
            return List.of();
        }
        try {
            return List.of(EngineSerdes.REQUESTS.decode(value));
        } catch (RuntimeException undecodable) {
            return List.of();
        }
    }
}
