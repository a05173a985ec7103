package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.KeyValueStore;

/** Decisions by outcome and reason, and how long deciding takes. Tags never name a customer. */
class DecisionMetrics {

    private final MeterRegistry meters;
    private final Timer latency;
    private final Counter duplicates;
    private final Counter scheduled;
    private final Counter fired;
    private final Timer lateness;
    /** The schedule store of each task on this instance; the backlog gauge sums their sizes. */
    private final Map<String, KeyValueStore<?, ?>> scheduleStores = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.latency = Timer.builder("kairos.dispatch.decision.latency").register(meters);
        this.duplicates = Counter.builder("kairos.dispatch.requests.duplicate").register(meters);
        this.scheduled = Counter.builder("kairos.dispatch.schedules.stored").register(meters);
        this.fired = Counter.builder("kairos.dispatch.schedules.fired").register(meters);
        this.lateness = Timer.builder("kairos.dispatch.schedules.lateness")
                .description("how long after its instant a scheduled message was decided again").register(meters);
        Gauge.builder("kairos.dispatch.schedules.backlog", this, DecisionMetrics::backlog)
                .description("schedules waiting in this instance's stores (RocksDB estimate)").register(meters);
    }

    void trackSchedules(String taskId, KeyValueStore<?, ?> store) {
        scheduleStores.put(taskId, store);
    }

    long backlog() {
        long total = 0;
        for (KeyValueStore<?, ?> store : scheduleStores.values()) {
            try {
                total += store.isOpen() ? store.approximateNumEntries() : 0;
            } catch (RuntimeException closedMeanwhile) {
                // A task moving to another instance closes its store between the check and the call.
            }
        }
        return total;
    }

    void scheduled(int count) {
        scheduled.increment(count);
    }

    void fired(Instant dueAt, Instant now) {
        fired.increment();
        lateness.record(Duration.between(dueAt, now).isNegative() ? Duration.ZERO : Duration.between(dueAt, now));
    }

    /** A schedule deleted by an erasure: its request ends suppressed. */
    void suppressedByErasure() {
        count("SUPPRESS", List.of(Reason.SUPPRESSED));
    }

    /** A request the engine could not decide or render, by reason code. */
    void rejected(List<Reason> reasons) {
        count("REJECT", reasons);
    }

    Timer.Sample start() {
        return Timer.start(meters);
    }

    void duplicate() {
        duplicates.increment();
    }

    void record(Timer.Sample sample, Decision decision) {
        sample.stop(latency);
        if (decision instanceof Decision.Send) {
            count("SEND", List.of());
        } else if (decision instanceof Decision.Schedule s) {
            count("SCHEDULE", s.reasons());
        } else if (decision instanceof Decision.Suppress s) {
            count("SUPPRESS", s.reasons());
        } else if (decision instanceof Decision.Reject r) {
            count("REJECT", r.reasons());
        } else {
            count("EXPIRE", List.of(Reason.EXPIRED));
        }
    }

    private void count(String outcome, List<Reason> reasons) {
        if (reasons.isEmpty()) {
            meters.counter("kairos.dispatch.decisions", "outcome", outcome, "reason", "NONE").increment();
        }
        for (Reason reason : reasons) {
            meters.counter("kairos.dispatch.decisions", "outcome", outcome, "reason", reason.name()).increment();
        }
    }
}
