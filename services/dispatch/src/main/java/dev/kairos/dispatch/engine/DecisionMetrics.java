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

/**
 * Decisions by lane, outcome and reason (their rate is the lane's decisions per second), how long deciding takes,
 * and what waits in the lane's stores. Tags never name a customer.
 */
class DecisionMetrics {

    private final MeterRegistry meters;
    private final String lane;
    private final Timer latency;
    private final Counter duplicates;
    private final Counter scheduled;
    private final Counter fired;
    private final Timer lateness;
    private final Counter digestMessages;
    private final Counter digestItems;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    /** The schedule store of each task on this instance; the backlog gauge sums their sizes. */
    private final Map<String, KeyValueStore<?, ?>> scheduleStores = new ConcurrentHashMap<>();
    /** The digest-items store of each task on this instance: one entry per item waiting. */
    private final Map<String, KeyValueStore<?, ?>> digestStores = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry meters, Lane lane) {
        this.meters = meters;
        this.lane = lane.tag();
        this.latency = Timer.builder("kairos.dispatch.decision.latency").tag("lane", this.lane).register(meters);
        this.duplicates = Counter.builder("kairos.dispatch.requests.duplicate").tag("lane", this.lane).register(meters);
        this.scheduled = Counter.builder("kairos.dispatch.schedules.stored").tag("lane", this.lane).register(meters);
        this.fired = Counter.builder("kairos.dispatch.schedules.fired").tag("lane", this.lane).register(meters);
        this.lateness = Timer.builder("kairos.dispatch.schedules.lateness").tag("lane", this.lane)
                .description("how long after its instant a scheduled message was decided again").register(meters);
        this.digestMessages = Counter.builder("kairos.dispatch.digests.sent").tag("lane", this.lane)
                .description("digest messages sent (each counts once toward the caps)").register(meters);
        this.digestItems = Counter.builder("kairos.dispatch.digests.items.sent").tag("lane", this.lane)
                .description("requests sent listed in a digest").register(meters);
        Gauge.builder("kairos.dispatch.schedules.backlog", this, m -> entries(m.scheduleStores)).tag("lane", this.lane)
                .description("schedules waiting in this instance's stores (RocksDB estimate)").register(meters);
        Gauge.builder("kairos.dispatch.digests.backlog", this, m -> entries(m.digestStores)).tag("lane", this.lane)
                .description("requests waiting for their digest in this instance's stores (RocksDB estimate)")
                .register(meters);
    }

    void trackSchedules(String taskId, KeyValueStore<?, ?> store) {
        scheduleStores.put(taskId, store);
    }

    void trackDigests(String taskId, KeyValueStore<?, ?> store) {
        digestStores.put(taskId, store);
    }

    void digestSent(int items) {
        digestMessages.increment();
        digestItems.increment(items);
    }

    private static long entries(Map<String, KeyValueStore<?, ?>> stores) {
        long total = 0;
        for (KeyValueStore<?, ?> store : stores.values()) {
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

    /**
     * A fallback decided (ADR 0048): from the channel that failed to the channel it was sent or scheduled on, or
     * {@code NONE} when the new decision ended the request (no usable channel left, expired, rejected, a digest).
     *
     * @param decision null when deciding failed (the request is then rejected)
     */
    void fallback(String from, Decision decision) {
        String to = "NONE";
        if (decision instanceof Decision.Send send && !send.deliveries().isEmpty()) {
            to = send.deliveries().get(0).channel().name();
        } else if (decision instanceof Decision.Schedule s && s.channel() != null) {
            to = s.channel().name();
        }
        meters.counter("kairos.dispatch.fallbacks", "lane", lane, "from", from, "to", to).increment();
    }

    void record(Timer.Sample sample, Decision decision) {
        sample.stop(latency);
        counted(decision);
    }

    /** A decision by outcome and reasons; a digest item that ends when its digest goes is counted this way too. */
    void counted(Decision decision) {
        if (decision instanceof Decision.Send) {
            count("SEND", List.of());
        } else if (decision instanceof Decision.QueueForDigest) {
            count("DIGEST", List.of());
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
            decisions(outcome, "NONE").increment();
        }
        for (Reason reason : reasons) {
            decisions(outcome, reason.name()).increment();
        }
    }

    /** The decisions counter of an outcome and reason, found once: a registry look-up per decision costs. */
    private Counter decisions(String outcome, String reason) {
        return decisions.computeIfAbsent(outcome + '/' + reason, key -> meters.counter("kairos.dispatch.decisions",
                "lane", lane, "outcome", outcome, "reason", reason));
    }
}
