package dev.kairos.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The dead letters in health: how many records this instance moved to a dead-letter topic since it started,
 * per source, and whether that count grew within {@code window} ({@code growing}, with the instant the
 * growth was first seen). It reads the counters every mover keeps (the consumer bindings', dispatch's Kafka
 * Streams handlers'). The status stays UP: a dead letter no longer holds anything back, and the API and the
 * other records go on; the details and the metrics ask an operator to look (alert on {@code growing}).
 */
public class DeadLetterHealth implements HealthIndicator {

    /** The counters of records moved to a dead-letter topic, and the tag that names each one's source. */
    static final Map<String, String> COUNTERS = Map.of(
            DeadLetters.METRIC, "binding",
            "kairos.dispatch.dead-letters", "source");

    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration window;
    private double lastTotal;
    private Instant lastGrowthSeen;

    public DeadLetterHealth(MeterRegistry meters, Clock clock, Duration window) {
        this.meters = meters;
        this.clock = clock;
        this.window = window;
    }

    @Override
    public synchronized Health health() {
        Map<String, Long> bySource = new TreeMap<>();
        double total = 0;
        for (Map.Entry<String, String> counter : COUNTERS.entrySet()) {
            for (Counter c : meters.find(counter.getKey()).counters()) {
                String source = c.getId().getTag(counter.getValue());
                bySource.merge(source == null ? "unknown" : source, (long) c.count(), Long::sum);
                total += c.count();
            }
        }
        Instant now = clock.instant();
        if (total > lastTotal) {
            lastTotal = total;
            lastGrowthSeen = now;
        }
        boolean growing = lastGrowthSeen != null && lastGrowthSeen.isAfter(now.minus(window));
        Health.Builder health = Health.up()
                .withDetail("moved", (long) total)
                .withDetail("growing", growing)
                .withDetail("window", window.toString())
                .withDetail("bySource", bySource);
        if (lastGrowthSeen != null) {
            health.withDetail("lastGrowthSeenAt", lastGrowthSeen.toString());
        }
        return health.build();
    }
}
