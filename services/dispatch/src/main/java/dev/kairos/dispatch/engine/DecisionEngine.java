package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.dispatch.SendMessage;
import java.util.ArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/** Runs the decision topology for as long as the service runs, and answers status look-ups from its store. */
public class DecisionEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);

    private final Topology topology;
    private final Properties settings;
    private final String advertisedHost;
    private final Environment environment;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;

    private final MeterRegistry meters;
    private volatile KafkaStreamsMetrics streamsMetrics;

    DecisionEngine(Topology topology, Properties settings, String advertisedHost, Environment environment,
                   MeterRegistry meters) {
        this.meters = meters;
        this.topology = topology;
        this.settings = settings;
        this.advertisedHost = advertisedHost;
        this.environment = environment;
    }

    /** After the web server: the port other instances forward status look-ups to is known only then. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void start() {
        int port = Integer.parseInt(environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8082")));
        self = new HostInfo(advertisedHost, port);
        Properties withServer = new Properties();
        withServer.putAll(settings);
        withServer.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + port);
        streams = new KafkaStreams(topology, withServer);
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Decision stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        // Kafka Streams' own client metrics (consumer lag among them) as kafka.* meters.
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
    }

    @Override
    public void stop() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null && streams.state().isRunningOrRebalancing();
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Which instance holds a request's status: this one, another one, or none while ownership moves. */
    public sealed interface Holder {
        record Here() implements Holder {
        }

        record There(String host, int port) implements Holder {
        }

        record NoneYet() implements Holder {
        }
    }

    public Holder holderOfStatus(String requestId) {
        if (state() != KafkaStreams.State.RUNNING) {
            return new Holder.NoneYet();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.MESSAGE_STATUS, requestId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Holder.NoneYet();
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self) ? new Holder.Here() : new Holder.There(active.host(), active.port());
    }

    /** The status of a request held by this instance, if this instance holds it. */
    public Optional<MessageStatus> status(String requestId) {
        if (state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, MessageStatus> store = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.MESSAGE_STATUS, QueryableStoreTypes.keyValueStore()));
        return Optional.ofNullable(store.get(requestId));
    }

    /**
     * What this instance's stores hold on a customer, as JSON per store: the preferences and consents
     * dispatch decides on, the sends its frequency caps count and the messages scheduled for them. Empty
     * while the engine is not running.
     */
    public Optional<Map<String, String>> customerData(String customerId) {
        if (state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (String storeName : List.of(StoreNames.PREFERENCES, StoreNames.CONSENTS)) {
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<SpecificRecord>> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.timestampedKeyValueStore()));
            ValueAndTimestamp<SpecificRecord> value = store.get(customerId);
            if (value != null && value.value() != null) {
                data.put(storeName, GenericData.get().toString(value.value()));
            }
        }
        ReadOnlyKeyValueStore<String, List<SentMessage>> history = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.SEND_HISTORY, QueryableStoreTypes.keyValueStore()));
        List<SentMessage> sent = history.get(customerId);
        if (sent != null) {
            data.put(StoreNames.SEND_HISTORY, sent.stream()
                    .map(s -> "{\"at\": \"" + s.at() + "\", \"topic\": " + GenericData.get().toString(s.topic())
                            + ", \"marketing\": " + s.marketing() + "}")
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        // Schedules are ordered by instant, not by customer: an export is rare enough to scan for them.
        ReadOnlyKeyValueStore<Bytes, SendMessage> schedules = streams.store(StoreQueryParameters.fromNameAndType(
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
        return Optional.of(data);
    }

    /** Whether the topic catalogue replica knows this topic; empty while the engine is not running. */
    public Optional<Boolean> knowsTopic(String topicId) {
        if (state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<String, Object> store = streams.store(StoreQueryParameters.fromNameAndType(
                StoreNames.CATALOGUE, QueryableStoreTypes.keyValueStore()));
        return Optional.of(store.get(topicId) != null);
    }
}
