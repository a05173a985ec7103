package dev.kairos.dispatch.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant FIRST_FAILURE = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theWaitDoublesFromTheInitialBackoffUpToTheMaximum() {
        RetrySchedule schedule = schedule(Clock.fixed(FIRST_FAILURE, ZoneOffset.UTC), top());

        assertThat(schedule.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.backoff(10)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(schedule.backoff(11)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.backoff(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void eachWaitIsDrawnBetweenHalfTheBackoffAndAllOfIt() {
        Clock clock = Clock.fixed(FIRST_FAILURE, ZoneOffset.UTC);

        assertThat(schedule(clock, bottom()).next(3, FIRST_FAILURE)).contains(FIRST_FAILURE.plusSeconds(10));
        assertThat(schedule(clock, top()).next(3, FIRST_FAILURE)).contains(FIRST_FAILURE.plusSeconds(20));
        RetrySchedule random = schedule(clock, new SplittableRandom(7));
        for (int calls = 1; calls < 40; calls++) {
            Duration backoff = random.backoff(calls);
            Duration wait = Duration.between(FIRST_FAILURE, random.next(calls, FIRST_FAILURE).orElseThrow());
            assertThat(wait).isBetween(backoff.dividedBy(2), backoff);
        }
    }

    @Test
    void aDeliveryIsTriedForTwentyFourHoursFromItsFirstFailureThenGivenUp() {
        MutableClock clock = new MutableClock(FIRST_FAILURE);
        RetrySchedule schedule = schedule(clock, top());

        int calls = 1;
        Optional<Instant> next = schedule.next(calls, FIRST_FAILURE);
        Instant last = FIRST_FAILURE;
        while (next.isPresent()) {
            assertThat(next.get()).isAfter(last).isBeforeOrEqualTo(FIRST_FAILURE.plus(Duration.ofHours(24)));
            last = next.get();
            clock.now = last;
            next = schedule.next(++calls, FIRST_FAILURE);
        }

        // 5 s doubling to the hour's cap (11 waits, about 1.4 h), then an hour apart for the rest of the day.
        assertThat(calls).isBetween(30, 36);
        assertThat(Duration.between(last, FIRST_FAILURE.plus(Duration.ofHours(24)))).isLessThan(Duration.ofHours(1));
    }

    @Test
    void theCutOffCountsFromTheFirstFailureNotFromTheLastCall() {
        MutableClock clock = new MutableClock(FIRST_FAILURE.plus(Duration.ofHours(24)).minusSeconds(3));
        RetrySchedule schedule = schedule(clock, bottom());

        // 2.5 s after the last call still falls inside the day; 5 s would not.
        assertThat(schedule.next(1, FIRST_FAILURE)).contains(clock.now.plusMillis(2500));
        assertThat(schedule(clock, top()).next(1, FIRST_FAILURE)).isEmpty();
        clock.now = FIRST_FAILURE.plus(Duration.ofDays(2));
        assertThat(schedule.next(1, FIRST_FAILURE)).isEmpty();
    }

    @Test
    void theFirstRetryOfAFailureNowIsAfterHalfToAllOfTheInitialBackoff() {
        Clock clock = Clock.fixed(FIRST_FAILURE, ZoneOffset.UTC);

        assertThat(schedule(clock, bottom()).first()).contains(FIRST_FAILURE.plusMillis(2500));
        assertThat(schedule(clock, top()).first()).contains(FIRST_FAILURE.plusSeconds(5));
    }

    private static RetrySchedule schedule(Clock clock, RandomGenerator random) {
        return new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), clock, random);
    }

    /** Draws the least wait. */
    private static RandomGenerator bottom() {
        return new Fixed(false);
    }

    /** Draws the greatest wait. */
    private static RandomGenerator top() {
        return new Fixed(true);
    }

    private record Fixed(boolean top) implements RandomGenerator {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return top ? bound - 1 : 0;
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
