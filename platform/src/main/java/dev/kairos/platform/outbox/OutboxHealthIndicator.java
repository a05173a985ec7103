package dev.kairos.platform.outbox;

import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The outbox's backlog in health: pending rows, the age of the oldest, quarantined rows. An outbox whose
 * oldest row is older than {@code stuckAfter} is OUT_OF_SERVICE with {@code stuck: true}, so the overall
 * health answers 503 to monitoring; it is not part of the readiness group, because the API must keep
 * taking changes while Kafka is away (ADR 0017). Quarantined rows leave the status UP: they no longer
 * hold anything back, and the count asks an operator to look.
 */
public class OutboxHealthIndicator implements HealthIndicator {

    private final OutboxRelay relay;
    private final Duration stuckAfter;

    public OutboxHealthIndicator(OutboxRelay relay, Duration stuckAfter) {
        this.relay = relay;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Health health() {
        Duration oldest = relay.oldestPendingAge();
        boolean stuck = oldest.compareTo(stuckAfter) > 0;
        return (stuck ? Health.outOfService() : Health.up())
                .withDetail("pending", relay.pending())
                .withDetail("oldestPendingAge", oldest.toString())
                .withDetail("quarantined", relay.quarantined())
                .withDetail("stuck", stuck)
                .withDetail("stuckAfter", stuckAfter.toString())
                .build();
    }
}
