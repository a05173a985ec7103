package dev.kairos.dispatch.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a delivery that failed transiently is tried next: after {@code initialBackoff} doubled at each failed call,
 * at most {@code maxBackoff}, each wait drawn uniformly between half of that and all of it (so deliveries that
 * failed together do not all come back together, and no wait exceeds {@code maxBackoff}); and never once the next
 * call would fall after {@code retryFor} from the first failure: the delivery is then given up.
 */
public final class RetrySchedule {

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration retryFor;
    private final Clock clock;
    private final RandomGenerator random;

    public RetrySchedule(Duration initialBackoff, Duration maxBackoff, Duration retryFor, Clock clock,
                         RandomGenerator random) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalStateException("kairos.webhooks: initial-backoff must be positive and at most max-backoff");
        }
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retryFor = retryFor;
        this.clock = clock;
        this.random = random;
    }

    /** The wait before the next call, uncapped by jitter: {@code initialBackoff * 2^(failedCalls-1)}, at most {@code maxBackoff}. */
    Duration backoff(int failedCalls) {
        int doublings = Math.max(0, failedCalls - 1);
        if (doublings >= 62) {
            return maxBackoff;
        }
        long millis = initialBackoff.toMillis();
        long factor = 1L << doublings;
        return millis > maxBackoff.toMillis() / factor ? maxBackoff : Duration.ofMillis(millis * factor);
    }

    /**
     * @param failedCalls the calls of this delivery that failed so far, the one just made included (at least 1)
     * @param firstFailure when the first of them failed
     * @return when to call again, or empty: the delivery has been tried for {@code retryFor} and is given up
     */
    public Optional<Instant> next(int failedCalls, Instant firstFailure) {
        long backoff = backoff(failedCalls).toMillis();
        long wait = backoff / 2 + random.nextLong(backoff - backoff / 2 + 1);
        Instant next = clock.instant().plusMillis(wait);
        return next.isAfter(firstFailure.plus(retryFor)) ? Optional.empty() : Optional.of(next);
    }

    /** The first retry of a delivery whose first call failed now. */
    public Optional<Instant> first() {
        return next(1, clock.instant());
    }

    public Duration retryFor() {
        return retryFor;
    }
}
