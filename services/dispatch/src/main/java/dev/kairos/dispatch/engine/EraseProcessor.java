package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Reason;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * On {@code CustomerErased} (keyed by customer id, co-partitioned with the decisions), deletes what this
 * task holds on the customer: their frequency history, their pending schedules, the requests waiting for their
 * digests and which requests their sent digests listed. The replicas of their
 * preferences and consents go with the tombstones their owners publish. Schedules are ordered by instant,
 * not by customer, so they are scanned: erasures are rare, and a scan of one task's schedules is cheaper
 * than a second index kept on every schedule.
 *
 * <p>Each deleted schedule and digest item ends with a terminal outcome, {@code SUPPRESSED} for reason {@code SUPPRESSED}
 * (ADR 0014), so its status no longer says SCHEDULED. The outcome names only the request, the customer id
 * it is keyed by, the topic and the campaign: never an address or the content.
 */
class EraseProcessor implements Processor<String, CustomerErased, String, MessageOutcome> {

    private final Clock clock;
    private final DecisionMetrics metrics;

    private ProcessorContext<String, MessageOutcome> context;
    private KeyValueStore<String, ?> history;
    private KeyValueStore<Bytes, SendMessage> schedules;
    private DigestStore digests;
    private KeyValueStore<Bytes, DigestMembers> digestMembers;

    EraseProcessor(Clock clock, DecisionMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, MessageOutcome> context) {
        this.context = context;
        this.history = context.getStateStore(StoreNames.SEND_HISTORY);
        this.schedules = context.getStateStore(StoreNames.SCHEDULES);
        this.digests = new DigestStore(context);
        this.digestMembers = context.getStateStore(StoreNames.DIGEST_MEMBERS);
    }

    @Override
    public void process(Record<String, CustomerErased> record) {
        String customerId = record.value() == null ? record.key() : record.value().getCustomerId();
        if (customerId == null) {
            return;
        }
        history.delete(customerId);
        List<KeyValue<Bytes, SendMessage>> theirs = new ArrayList<>();
        try (KeyValueIterator<Bytes, SendMessage> it = schedules.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, SendMessage> entry = it.next();
                if (customerId.equals(entry.value.getCustomerId())) {
                    theirs.add(entry);
                }
            }
        }
        Instant now = clock.instant();
        for (KeyValue<Bytes, SendMessage> schedule : theirs) {
            schedules.delete(schedule.key);
            suppress(record, customerId, schedule.value, now);
        }
        for (KeyValue<String, DigestEntry> item : digests.itemsOf(DigestKeys.ofCustomer(customerId))) {
            digests.remove(item.key);
            suppress(record, customerId, item.value.request(), now);
        }
        List<Bytes> listed = new ArrayList<>();
        try (KeyValueIterator<Bytes, DigestMembers> it = digestMembers.all()) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                if (DigestKeys.isOf(ScheduleKeys.id(key), customerId)) {
                    listed.add(key);
                }
            }
        }
        listed.forEach(digestMembers::delete);
    }

    private void suppress(Record<String, CustomerErased> erasure, String customerId, SendMessage request, Instant now) {
        metrics.suppressedByErasure();
        context.forward(new Record<>(customerId, Effects.outcome(request, now, null,
                new MessageSuppressed(List.of(Reason.SUPPRESSED.name()), null)), erasure.timestamp()));
    }
}
