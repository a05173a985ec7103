package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Consent;
import dev.kairos.dispatch.decision.Decider;
import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Suppressions;
import dev.kairos.dispatch.decision.TopicInfo;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides each request (keyed by customer id) against the replicas in this task's stores, once per
 * request id: a request id already decided is dropped, so a resent request changes nothing.
 */
class DecideProcessor implements Processor<String, SendMessage, String, Decided> {

    private final AddressHmac addressHmac;
    private final MessageLinks links;
    private final Clock clock;
    private final DecisionMetrics metrics;

    private ProcessorContext<String, Decided> context;
    private KeyValueStore<String, Long> requestIds;
    private KeyValueStore<String, ValueAndTimestamp<ContactPreferences>> preferences;
    private KeyValueStore<String, ValueAndTimestamp<ConsentState>> consents;
    private KeyValueStore<String, ValueAndTimestamp<TopicCatalogueEntry>> catalogue;
    private KeyValueStore<String, ValueAndTimestamp<Suppression>> suppressions;

    DecideProcessor(AddressHmac addressHmac, MessageLinks links, Clock clock, DecisionMetrics metrics) {
        this.addressHmac = addressHmac;
        this.links = links;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Decided> context) {
        this.context = context;
        this.requestIds = context.getStateStore(StoreNames.REQUEST_IDS);
        this.preferences = context.getStateStore(StoreNames.PREFERENCES);
        this.consents = context.getStateStore(StoreNames.CONSENTS);
        this.catalogue = context.getStateStore(StoreNames.CATALOGUE);
        this.suppressions = context.getStateStore(StoreNames.SUPPRESSIONS);
    }

    @Override
    public void process(Record<String, SendMessage> record) {
        SendMessage request = record.value();
        if (request == null) {
            return;
        }
        if (requestIds.get(request.getRequestId()) != null) {
            metrics.duplicate();
            return;
        }
        Instant now = clock.instant();
        requestIds.put(request.getRequestId(), now.toEpochMilli());

        Timer.Sample timing = metrics.start();
        Optional<TopicInfo> topic = value(catalogue, request.getTopic()).map(Translations::topic);
        ContactPreferences prefs = value(preferences, request.getCustomerId()).orElse(null);
        List<Consent> customerConsents = value(consents, request.getCustomerId()).map(Translations::consents)
                .orElse(List.of());
        Suppressions suppressed = (hmac, channel) -> value(suppressions, hmac)
                .map(s -> s.getChannel() == null || s.getChannel() == Translations.channel(channel))
                .orElse(false);
        Decision decision = Decider.decide(Translations.request(request), topic,
                Optional.ofNullable(prefs).map(p -> Translations.customer(p, addressHmac)), customerConsents, suppressed,
                now);
        metrics.record(timing, decision);
        context.forward(record.withValue(Effects.of(decision, request, prefs, topic.map(TopicInfo::marketing).orElse(true),
                links, now)));
    }

    private static <V> Optional<V> value(KeyValueStore<String, ValueAndTimestamp<V>> store, String key) {
        ValueAndTimestamp<V> v = store.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.value());
    }
}
