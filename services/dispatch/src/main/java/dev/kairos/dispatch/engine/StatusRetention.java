package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Forgets a request's status once its final outcome is older than the retention (90 days by default): the
 * status holds the customer id and the history of what was done for them, which nothing needs for ever
 * (GDPR art. 5(1)(e), storage limitation). A status still waiting (accepted, scheduled, queued for a
 * digest) is kept whatever its age: it is not final. Runs in the task that holds the status store, on a
 * wall-clock punctuation measured with the service clock; each deletion is a tombstone on the store's
 * compacted changelog, so a restored store does not bring it back.
 */
final class StatusRetention implements Processor<String, MessageStatus, Void, Void> {

    /** Statuses after which nothing more is expected for the request. */
    static final Set<String> FINAL = Set.of("REJECTED", "SUPPRESSED", "SENT", "DELIVERED", "FAILED", "EXPIRED");

    private final Clock clock;
    private final EngineSettings settings;
    private KeyValueStore<String, ValueAndTimestamp<MessageStatus>> statuses;

    StatusRetention(Clock clock, EngineSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        statuses = context.getStateStore(StoreNames.MESSAGE_STATUS);
        context.schedule(settings.statusPurgeEvery(), PunctuationType.WALL_CLOCK_TIME, wallClock -> purge());
    }

    @Override
    public void process(Record<String, MessageStatus> record) {
        // Nothing to do per update: the punctuation reads the store.
    }

    /** Whether the status's final outcome happened before {@code oldest}. */
    static boolean expired(MessageStatus status, Instant oldest) {
        List<MessageOutcome> history = status.getHistory();
        return FINAL.contains(status.getStatus()) && !history.isEmpty()
                && history.get(history.size() - 1).getOccurredAt().isBefore(oldest);
    }

    private void purge() {
        Instant oldest = clock.instant().minus(settings.statusRetention());
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<MessageStatus>> it = statuses.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<MessageStatus>> entry = it.next();
                if (entry.value != null && entry.value.value() != null && expired(entry.value.value(), oldest)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(statuses::delete);
    }
}
