package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Consent;
import dev.kairos.dispatch.decision.Customer;
import dev.kairos.dispatch.decision.Decider;
import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.DigestItem;
import dev.kairos.dispatch.decision.Digests;
import dev.kairos.dispatch.decision.Request;
import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.dispatch.decision.SuppressionReason;
import dev.kairos.dispatch.decision.Suppressions;
import dev.kairos.dispatch.decision.TopicInfo;
import dev.kairos.dispatch.rendering.DigestMessage;
import dev.kairos.dispatch.rendering.Template;
import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.dispatch.SendApproved;
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
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Decides each request (keyed by customer id) against the replicas in this task's stores, once per
 * request id: a request id already decided is dropped, so a resent request changes nothing. A scheduled
 * request waits in the schedule store; a request of a topic the customer takes as a digest waits in the
 * digest store. A wall-clock punctuator takes what is due, a bounded number per run, and decides it again with
 * the replicas as they are then, so a withdrawal meanwhile wins; a due digest goes as one message listing the
 * items that still may go. Every send, and every digest message, is added once to the customer's frequency
 * history.
 *
 * <p>One record may pass a decided request id: the fallback a channel end wrote back after the request's channel
 * failed for good, sealed by dispatch ({@link FallbackSeal}, ADR 0048), once per request and failed channel. It is
 * decided anew on the channels left, and counts once toward the caps with the send that failed.
 */
class DecideProcessor implements Processor<String, SendMessage, String, Decided> {

    /** The longest rolling window a cap counts over (a month); older history is dropped. */
    private static final Duration HISTORY_KEPT = Duration.ofDays(30);

    private final AddressHmac addressHmac;
    private final Clock clock;
    private final DecisionMetrics metrics;
    private final EngineSettings settings;

    private ProcessorContext<String, Decided> context;
    private KeyValueStore<String, Long> requestIds;
    private KeyValueStore<String, List<SentMessage>> history;
    private KeyValueStore<Bytes, SendMessage> schedules;
    private DigestStore digests;
    private KeyValueStore<Bytes, DigestMembers> digestMembers;
    private KeyValueStore<String, ValueAndTimestamp<ContactPreferences>> preferences;
    private KeyValueStore<String, ValueAndTimestamp<ConsentState>> consents;
    private KeyValueStore<String, ValueAndTimestamp<TopicCatalogueEntry>> catalogue;
    private KeyValueStore<String, ValueAndTimestamp<Suppression>> suppressions;
    private KeyValueStore<String, ValueAndTimestamp<MessageTemplate>> templates;
    private Function<String, Optional<Boolean>> knownTemplates;

    DecideProcessor(AddressHmac addressHmac, Clock clock, DecisionMetrics metrics, EngineSettings settings) {
        this.addressHmac = addressHmac;
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
        this.digests = new DigestStore(context);
        this.digestMembers = context.getStateStore(StoreNames.DIGEST_MEMBERS);
        this.preferences = context.getStateStore(StoreNames.PREFERENCES);
        this.consents = context.getStateStore(StoreNames.CONSENTS);
        this.catalogue = context.getStateStore(StoreNames.CATALOGUE);
        this.suppressions = context.getStateStore(StoreNames.SUPPRESSIONS);
        this.templates = context.getStateStore(StoreNames.TEMPLATES);
        this.knownTemplates = id -> Optional.of(value(templates, id).isPresent());
        metrics.trackSchedules(context.taskId().toString(), schedules);
        metrics.trackDigests(context.taskId().toString(), digests.items());
        context.schedule(settings.schedulePoll(), PunctuationType.WALL_CLOCK_TIME, this::fireDue);
        context.schedule(settings.requestIdPurgeEvery(), PunctuationType.WALL_CLOCK_TIME, wallClock -> purgeRequestIds());
    }

    /**
     * A fallback being decided: the channel that failed, and when its send was decided (its history entry).
     *
     * @param justFailed the fallback as it arrives, right after the failure (not a scheduled one firing): when no
     *                   channel is usable, the request is left as the failure ended it
     */
    private record Retry(String failedChannel, Instant failedSendDecidedAt, boolean justFailed) {
    }

    @Override
    public void process(Record<String, SendMessage> record) {
        SendMessage request = record.value();
        if (request == null) {
            return;
        }
        Header seal = record.headers().lastHeader(FallbackSeal.HEADER);
        if (seal != null) {
            // Never passed on to what the decision writes, valid or not.
            record.headers().remove(FallbackSeal.HEADER);
            Optional<FallbackSeal.Sealed> sealed = settings.fallbackSeal() == null ? Optional.empty()
                    : settings.fallbackSeal().verify(seal.value(), request.getRequestId(), request.getCustomerId(),
                            request.getTopic(), Fallbacks.channelNames(request));
            if (sealed.isPresent()) {
                fallback(record, request, sealed.get());
                return;
            }
        }
        if (requestIds.get(request.getRequestId()) != null) {
            metrics.duplicate();
            return;
        }
        Instant now = clock.instant();
        requestIds.put(request.getRequestId(), now.toEpochMilli());
        // The topic and the customer's preferences are read once per request (ADR 0045): the rule, the admission
        // and the decision all see the same replica values.
        Optional<TopicInfo> topic = request.getTopic() == null ? Optional.empty() : topic(request.getTopic());
        RequestRule.Known known = new RequestRule.Known(
                id -> Optional.of(id.equals(request.getTopic()) ? topic.isPresent() : value(catalogue, id).isPresent()),
                knownTemplates);
        List<RequestRule.Problem> problems = RequestRule.problems(Translations.submission(request), known);
        if (!problems.isEmpty()) {
            reject(record, request, now, new Rejection(RequestRule.reasons(problems),
                    problems.stream().map(RequestRule.Problem::toString).collect(Collectors.joining("; "))));
            return;
        }
        ContactPreferences prefs = value(preferences, request.getCustomerId()).orElse(null);
        SendMessage admitted = admitted(request, topic, prefs, now);
        decide(record.withValue(admitted), admitted, topic, prefs, now);
    }

    /**
     * A fallback: decided anew, once per request and failed channel, with the replicas as they are now. It is the
     * request as admitted already (its template rendered in, its expiry set), so it is neither checked nor admitted
     * again.
     */
    private void fallback(Record<String, SendMessage> record, SendMessage request, FallbackSeal.Sealed sealed) {
        String key = Fallbacks.key(request.getRequestId(), sealed.failedChannel());
        if (requestIds.get(key) != null) {
            metrics.duplicate();
            return;
        }
        // Remembered with the failed send's decision instant (when a scheduled fallback fires, it finds it here;
        // purged 30 days after it, as request ids are).
        requestIds.put(key, sealed.decidedAt().toEpochMilli());
        decide(record, request, topic(request.getTopic()), value(preferences, request.getCustomerId()).orElse(null),
                clock.instant(), new Retry(sealed.failedChannel(), sealed.decidedAt(), true));
    }

    /**
     * A scheduled request that is a fallback (held by quiet hours, say): the latest failure its request had, found
     * in the request-ids store, so that firing it counts it once toward the caps too. Only a FIRST_AVAILABLE request
     * naming its channels can be one: the others cost no look-up.
     */
    private Retry scheduledFallback(SendMessage request) {
        if (request.getChannels().isEmpty() || request.getDelivery() != dev.kairos.proto.dispatch.Delivery.FIRST_AVAILABLE) {
            return null;
        }
        String prefix = Fallbacks.key(request.getRequestId(), "");
        Retry latest = null;
        try (KeyValueIterator<String, Long> it = requestIds.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (latest == null || entry.value > latest.failedSendDecidedAt().toEpochMilli()) {
                    latest = new Retry(entry.key.substring(prefix.length()), Instant.ofEpochMilli(entry.value), false);
                }
            }
        }
        return latest;
    }

    /** The request as it is decided from now on: its template rendered in, its default expiry set ({@link Admission}). */
    private SendMessage admitted(SendMessage request, Optional<TopicInfo> topic, ContactPreferences prefs, Instant now) {
        Optional<Template> template = request.getTemplateId() == null ? Optional.empty()
                : value(templates, request.getTemplateId()).map(Translations::template);
        return Admission.of(request, topic, template, prefs == null ? null : prefs.getLocale(), now);
    }

    /** Decides a request again (a schedule due, a digest item) with the replicas as they are now. */
    private void decide(Record<String, SendMessage> record, SendMessage request, Instant now) {
        decide(record, request, topic(request.getTopic()), value(preferences, request.getCustomerId()).orElse(null), now);
    }

    /**
     * Decides and renders one request. Whatever fails on the way ends this request as rejected with a code
     * naming the cause, and the stores are only written once the request's records are built: one request
     * never stops the ones behind it, nor leaves a send in the history that did not go out.
     */
    private void decide(Record<String, SendMessage> record, SendMessage request, Optional<TopicInfo> topic,
                        ContactPreferences prefs, Instant now) {
        decide(record, request, topic, prefs, now, null);
    }

    /** @param retry set when this is a fallback after a failed channel ({@link #fallback}) */
    private void decide(Record<String, SendMessage> record, SendMessage request, Optional<TopicInfo> topic,
                        ContactPreferences prefs, Instant now, Retry retry) {
        Timer.Sample timing = metrics.start();
        String customerId = request.getCustomerId();
        Decision decision;
        Decided decided;
        boolean marketing;
        List<SentMessage> sent;
        try {
            // A fallback is decided without the entry its failed send added, and moves that entry to its own send: the
            // message counts once toward the caps, however many channels it tried.
            sent = retry == null ? historyOf(customerId)
                    : Fallbacks.withoutFailedSend(historyOf(customerId), request.getTopic(), retry.failedSendDecidedAt());
            Request asked = Translations.request(request, addressHmac);
            Optional<Customer> customer = customer(prefs);
            decision = Decider.decide(asked, topic, customer, consentsOf(customerId), suppressed(), sent, now);
            marketing = topic.map(TopicInfo::marketing).orElse(true);
            SendMessage fallback = request.getDelivery() == dev.kairos.proto.dispatch.Delivery.FIRST_AVAILABLE
                    && decision instanceof Decision.Send
                    ? Fallbacks.narrowed(request, decision, Decider.candidates(asked, topic, customer)) : null;
            decided = Effects.of(decision, request, prefs, marketing, now, settings.maxSendBytes(), fallback);
        } catch (RuntimeException | StackOverflowError e) {
            if (retry != null && retry.justFailed()) {
                metrics.fallback(retry.failedChannel(), null);
            }
            reject(record, request, now, Rejection.of(e, request.getRequestId()));
            return;
        }
        metrics.record(timing, decision);
        if (retry != null && retry.justFailed()) {
            metrics.fallback(retry.failedChannel(), decision);
            if (decision instanceof Decision.Suppress) {
                // No other channel may take it now: the request ends as its channel's failure left it (FAILED),
                // not as suppressed; the failure is what the campaign system needs to know.
                return;
            }
        }
        if (decision instanceof Decision.Schedule s) {
            schedules.put(ScheduleKeys.of(s.at(), request.getRequestId()), request);
            metrics.scheduled(1);
        } else if (decision instanceof Decision.QueueForDigest q) {
            for (Decision.Delivery delivery : q.deliveries()) {
                digests.add(onChannel(request, delivery.channel()), delivery.channel(), q.at(), now);
            }
        } else if (decision instanceof Decision.Send) {
            remember(customerId, sent, new SentMessage(now, request.getTopic(), marketing), now);
        }
        context.forward(record.withValue(decided));
    }

    /**
     * The request as one digest holds it: a request for every channel ({@code ALL}) waits in one digest per
     * channel, each narrowed to its own, so deciding it again never repeats it on the others.
     */
    private static SendMessage onChannel(SendMessage request, Channel channel) {
        if (request.getDelivery() != dev.kairos.proto.dispatch.Delivery.ALL) {
            return request;
        }
        return SendMessage.newBuilder(request).setChannels(List.of(Translations.channel(channel))).build();
    }

    private void reject(Record<String, SendMessage> record, SendMessage request, Instant now, Rejection rejection) {
        metrics.rejected(rejection.reasons());
        context.forward(record.withValue(Effects.rejected(request, now, rejection.reasons(), rejection.detail())));
    }

    private List<SentMessage> remember(String customerId, List<SentMessage> sent, SentMessage send, Instant now) {
        Instant oldest = now.minus(HISTORY_KEPT);
        List<SentMessage> kept = new ArrayList<>();
        for (SentMessage s : sent) {
            if (s.at().isAfter(oldest)) {
                kept.add(s);
            }
        }
        kept.add(send);
        history.put(customerId, kept);
        return kept;
    }

    /**
     * Decides again what is due, oldest first, at most the configured number per run, then looks at the
     * digests due. What is due, and the decision, follow the decision clock; the records written carry Kafka
     * Streams' wall-clock time.
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
            decide(new Record<>(request.getCustomerId(), request, wallClock), request, topic(request.getTopic()),
                    value(preferences, request.getCustomerId()).orElse(null), now, scheduledFallback(request));
        }
        for (String digest : digests.takeDue(now, settings.maxFiredPerRun())) {
            try {
                lookAt(digest, now, wallClock);
            } catch (RuntimeException | StackOverflowError e) {
                abandon(digest, Rejection.of(e, digest), now, wallClock);
            }
        }
    }

    /** A digest that cannot be looked at (an unreadable replica): what it still holds ends rejected, and work goes on. */
    private void abandon(String digest, Rejection rejection, Instant now, long wallClock) {
        for (KeyValue<String, DigestEntry> item : digests.itemsOf(digest)) {
            digests.remove(item.key);
            SendMessage request = item.value.request();
            reject(new Record<>(request.getCustomerId(), request, wallClock), request, now, rejection);
        }
    }

    /**
     * Checks each item of a digest again ({@link Digests#check}): those that may no longer go end with their
     * reason, those whose topic the customer now takes otherwise are decided again as if they had just
     * arrived, and those due go as one message (several when they are more than one message lists) once the
     * moment rules and the caps allow it. What is not due yet is looked at again when it is.
     */
    private void lookAt(String digest, Instant now, long wallClock) {
        List<KeyValue<String, DigestEntry>> entries = digests.itemsOf(digest);
        if (entries.isEmpty()) {
            return;
        }
        DigestEntry first = entries.get(0).value;
        String customerId = first.request().getCustomerId();
        Optional<TopicInfo> topic = topic(first.request().getTopic());
        ContactPreferences prefs = value(preferences, customerId).orElse(null);
        Optional<Customer> customer = customer(prefs);
        List<Consent> customerConsents = consentsOf(customerId);
        boolean marketing = topic.map(TopicInfo::marketing).orElse(true);
        SortedSet<Instant> later = new TreeSet<>();
        List<KeyValue<String, DigestEntry>> kept = new ArrayList<>();
        Decision.Delivery delivery = null;
        for (KeyValue<String, DigestEntry> entry : entries) {
            SendMessage request = entry.value.request();
            Digests.Check check = Digests.check(new DigestItem(Translations.request(request, addressHmac),
                    entry.value.channel(), entry.value.at(), entry.value.queuedAt()), topic, customer, customerConsents,
                    suppressed(), now);
            if (check instanceof Digests.Wait) {
                later.add(entry.value.at());
            } else if (check instanceof Digests.Keep keep) {
                kept.add(entry);
                delivery = keep.delivery();
            } else {
                digests.remove(entry.key);
                Record<String, SendMessage> record = new Record<>(customerId, request, wallClock);
                if (check instanceof Digests.Drop drop) {
                    end(record, drop.decision(), prefs, marketing, now);
                } else {
                    decide(record, request, now);
                }
            }
        }
        if (!kept.isEmpty()) {
            Optional<Instant> when = Digests.moment(topic.get(), customer.get(), first.channel(), historyOf(customerId), now);
            if (when.isEmpty()) {
                kept.forEach(entry -> {
                    digests.remove(entry.key);
                    end(new Record<>(customerId, entry.value.request(), wallClock), new Decision.Expire(), prefs,
                            marketing, now);
                });
            } else if (when.get().isAfter(now)) {
                later.add(when.get());
            } else {
                send(digest, kept, delivery, prefs, marketing, now, wallClock);
            }
        }
        later.forEach(at -> digests.lookAt(digest, at));
    }

    /** An item that ends without going out: its outcome, counted like any decision. */
    private void end(Record<String, SendMessage> record, Decision decision, ContactPreferences prefs, boolean marketing,
                     Instant now) {
        metrics.counted(decision);
        context.forward(record.withValue(Effects.of(decision, record.value(), prefs, marketing, now,
                settings.maxSendBytes())));
    }

    /**
     * Sends the items due as digest messages of at most {@link DigestMessage#maxItems} items each. Each message
     * counts once toward the caps and remembers which requests it carries, so that they get its outcomes.
     */
    private void send(String digest, List<KeyValue<String, DigestEntry>> items, Decision.Delivery delivery,
                      ContactPreferences prefs, boolean marketing, Instant now, long wallClock) {
        SendMessage first = items.get(0).value.request();
        String customerId = first.getCustomerId();
        String topicName = value(catalogue, first.getTopic()).map(TopicCatalogueEntry::getName).orElse(first.getTopic());
        Instant at = items.stream().map(item -> item.value.at()).min(Instant::compareTo).orElseThrow();
        int max = DigestMessage.maxItems(delivery.channel());
        List<SentMessage> sent = historyOf(customerId);
        for (int part = 0; part * max < items.size(); part++) {
            List<KeyValue<String, DigestEntry>> chunk = items.subList(part * max, Math.min(items.size(), (part + 1) * max));
            List<SendMessage> requests = chunk.stream().map(item -> item.value.request()).toList();
            chunk.forEach(item -> digests.remove(item.key));
            String digestId = DigestKeys.id(digest, at, part + 1);
            SendApproved message;
            try {
                message = Effects.digest(digestId, requests, delivery, topicName, prefs, marketing, now,
                        settings.maxSendBytes());
            } catch (RuntimeException | StackOverflowError e) {
                Rejection rejection = Rejection.of(e, digestId);
                requests.forEach(r -> reject(new Record<>(customerId, r, wallClock), r, now, rejection));
                continue;
            }
            digestMembers.put(ScheduleKeys.of(at, digestId), new DigestMembers(requests.stream()
                    .map(r -> new DigestMembers.Member(r.getRequestId(), r.getCampaignId())).toList()));
            sent = remember(customerId, sent, new SentMessage(now, first.getTopic(), marketing), now);
            metrics.digestSent(requests.size());
            context.forward(new Record<>(customerId, new Decided(List.of(), List.of(message)), wallClock));
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

    private Optional<TopicInfo> topic(String topicId) {
        return value(catalogue, topicId).map(Translations::topic)
                .map(t -> t.id().equals(settings.confirmationTopic()) ? t.asConsentConfirmation() : t);
    }

    private Optional<Customer> customer(ContactPreferences prefs) {
        return Optional.ofNullable(prefs).map(p -> Translations.customer(p, addressHmac));
    }

    private List<Consent> consentsOf(String customerId) {
        return value(consents, customerId).map(Translations::consents).orElse(List.of());
    }

    private List<SentMessage> historyOf(String customerId) {
        return Optional.ofNullable(history.get(customerId)).orElse(List.of());
    }

    private Suppressions suppressed() {
        return (hmac, channel) -> value(suppressions, hmac)
                .filter(s -> s.getChannel() == null || s.getChannel() == Translations.channel(channel))
                .map(s -> SuppressionReason.valueOf(s.getReason().name()));
    }

    private static <V> Optional<V> value(KeyValueStore<String, ValueAndTimestamp<V>> store, String key) {
        ValueAndTimestamp<V> v = store.get(key);
        return v == null ? Optional.empty() : Optional.ofNullable(v.value());
    }
}
