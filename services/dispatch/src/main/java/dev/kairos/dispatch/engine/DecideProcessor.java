package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Consent;
import dev.kairos.dispatch.decision.Decider;
import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.dispatch.decision.Suppressions;
import dev.kairos.dispatch.decision.TopicInfo;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.dispatch.rendering.Placeholders;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides each request (keyed by customer id) against the replicas in this task's stores, once per
 * request id: a request id already decided is dropped, so a resent request changes nothing. A scheduled
 * request waits in the schedule store; a wall-clock punctuator takes what is due, a bounded number per
 * run, and decides it again with the replicas as they are then, so a withdrawal meanwhile wins. Every
 * send is added to the customer's frequency history.
 */
class DecideProcessor implements Processor<String, SendMessage, String, Decided> {

    private static final Logger log = LoggerFactory.getLogger(DecideProcessor.class);

    /** The longest rolling window a cap counts over (a month); older history is dropped. */
    private static final Duration HISTORY_KEPT = Duration.ofDays(30);

    private final AddressHmac addressHmac;
    private final MessageLinks links;
    private final Clock clock;
    private final DecisionMetrics metrics;
    private final EngineSettings settings;

    private ProcessorContext<String, Decided> context;
    private KeyValueStore<String, Long> requestIds;
    private KeyValueStore<String, List<SentMessage>> history;
    private KeyValueStore<Bytes, SendMessage> schedules;
    private KeyValueStore<String, ValueAndTimestamp<ContactPreferences>> preferences;
    private KeyValueStore<String, ValueAndTimestamp<ConsentState>> consents;
    private KeyValueStore<String, ValueAndTimestamp<TopicCatalogueEntry>> catalogue;
    private KeyValueStore<String, ValueAndTimestamp<Suppression>> suppressions;

    DecideProcessor(AddressHmac addressHmac, MessageLinks links, Clock clock, DecisionMetrics metrics,
                    EngineSettings settings) {
        this.addressHmac = addressHmac;
        this.links = links;
        this.clock = clock;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Decided> context) {
        this.context = context;
        this.requestIds = context.getStateStore(StoreNames.REQUEST_IDS);
        this.history = context.getStateStore(StoreNames.SEND_HISTORY);
        this.schedules = context.getStateStore(StoreNames.SCHEDULES);
        this.preferences = context.getStateStore(StoreNames.PREFERENCES);
        this.consents = context.getStateStore(StoreNames.CONSENTS);
        this.catalogue = context.getStateStore(StoreNames.CATALOGUE);
        this.suppressions = context.getStateStore(StoreNames.SUPPRESSIONS);
        metrics.trackSchedules(context.taskId().toString(), schedules);
        context.schedule(settings.schedulePoll(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
        context.schedule(settings.requestIdPurgeEvery(), PunctuationType.WALL_CLOCK_TIME, wallClock -> purgeRequestIds());
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
        List<RequestRule.Problem> problems = RequestRule.problems(Translations.submission(request));
        if (!problems.isEmpty()) {
            reject(record, request, now, RequestRule.reasons(problems),
                    problems.stream().map(RequestRule.Problem::toString).collect(Collectors.joining("; ")));
            return;
        }
        decide(record, request, now);
    }

    /**
     * Decides and renders one request. Whatever fails on the way ends this request as rejected with a code
     * naming the cause, and the stores are only written once the request's records are built: one request
     * never stops the ones behind it, nor leaves a send in the history that did not go out.
     */
    private void decide(Record<String, SendMessage> record, SendMessage request, Instant now) {
        Timer.Sample timing = metrics.start();
        String customerId = request.getCustomerId();
        Decision decision;
        Decided decided;
        boolean marketing;
        List<SentMessage> sent;
        try {
            Optional<TopicInfo> topic = value(catalogue, request.getTopic()).map(Translations::topic);
            ContactPreferences prefs = value(preferences, customerId).orElse(null);
            List<Consent> customerConsents = value(consents, customerId).map(Translations::consents).orElse(List.of());
            Suppressions suppressed = (hmac, channel) -> value(suppressions, hmac)
                    .map(s -> s.getChannel() == null || s.getChannel() == Translations.channel(channel))
                    .orElse(false);
            sent = Optional.ofNullable(history.get(customerId)).orElse(List.of());
            decision = Decider.decide(Translations.request(request, addressHmac), topic,
                    Optional.ofNullable(prefs).map(p -> Translations.customer(p, addressHmac)), customerConsents,
                    suppressed, sent, now);
            marketing = topic.map(TopicInfo::marketing).orElse(true);
            decided = Effects.of(decision, request, prefs, marketing, links, now, settings.maxSendBytes());
        } catch (Placeholders.InvalidTemplateException e) {
            reject(record, request, now, List.of(Reason.INVALID_TEMPLATE), "a content part is not a valid template: "
                    + e.getMessage());
            return;
        } catch (Effects.TooLargeException e) {
            reject(record, request, now, List.of(Reason.TOO_LARGE), e.getMessage());
            return;
        } catch (StreamsException e) {
            // A store or the task failing is the engine's trouble, not the request's: Kafka Streams handles it.
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // The exception's message may quote a replica or the content: only its class is logged and told.
            StackTraceElement where = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
            log.warn("Deciding request {} failed with {} at {}; rejected as RENDER_FAILED", request.getRequestId(),
                    e.getClass().getName(), where);
            reject(record, request, now, List.of(Reason.RENDER_FAILED),
                    "deciding or rendering failed (" + e.getClass().getSimpleName() + ")");
            return;
        }
        metrics.record(timing, decision);
        if (decision instanceof Decision.Schedule s) {
            schedules.put(ScheduleKeys.of(s.at(), request.getRequestId()), request);
            metrics.scheduled(1);
        } else if (decision instanceof Decision.Send) {
            remember(customerId, sent, new SentMessage(now, request.getTopic(), marketing), now);
        }
        context.forward(record.withValue(decided));
    }

    private void reject(Record<String, SendMessage> record, SendMessage request, Instant now, List<Reason> reasons,
                        String detail) {
        metrics.rejected(reasons);
        context.forward(record.withValue(Effects.rejected(request, now, reasons, detail)));
    }

    private void remember(String customerId, List<SentMessage> sent, SentMessage send, Instant now) {
        Instant oldest = now.minus(HISTORY_KEPT);
        List<SentMessage> kept = new ArrayList<>();
        for (SentMessage s : sent) {
            if (s.at().isAfter(oldest)) {
                kept.add(s);
            }
        }
        kept.add(send);
        history.put(customerId, kept);
    }

    /**
     * Decides again what is due, oldest first, at most the configured number per run. What is due, and the
     * decision, follow the decision clock; the records written carry Kafka Streams' wall-clock time.
     */
    private void fireDue(long wallClock) {
        Instant now = clock.instant();
        List<KeyValue<Bytes, SendMessage>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, SendMessage> it = schedules.range(null, ScheduleKeys.dueUpTo(now))) {
            while (it.hasNext() && due.size() < settings.maxFiredPerRun()) {
                due.add(it.next());
            }
        }
        for (KeyValue<Bytes, SendMessage> entry : due) {
            schedules.delete(entry.key);
            metrics.fired(ScheduleKeys.instant(entry.key), now);
            SendMessage request = entry.value;
            decide(new Record<>(request.getCustomerId(), request, wallClock), request, now);
        }
    }

    /** Request ids are kept as long as the API promises idempotency (30 days by default), then forgotten. */
    private void purgeRequestIds() {
        long oldest = clock.instant().minus(settings.requestIdRetention()).toEpochMilli();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = requestIds.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (entry.value < oldest) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(requestIds::delete);
    }

    private static <V> Optional<V> value(KeyValueStore<String, ValueAndTimestamp<V>> store, String key) {
        ValueAndTimestamp<V> v = store.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.value());
    }
}
