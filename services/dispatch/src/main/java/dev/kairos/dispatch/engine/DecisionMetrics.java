package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/** Decisions by outcome and reason, and how long deciding takes. Tags never name a customer. */
class DecisionMetrics {

    private final MeterRegistry meters;
    private final Timer latency;
    private final Counter duplicates;

    DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.latency = Timer.builder("kairos.dispatch.decision.latency").register(meters);
        this.duplicates = Counter.builder("kairos.dispatch.requests.duplicate").register(meters);
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
