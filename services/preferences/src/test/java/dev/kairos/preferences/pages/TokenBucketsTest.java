package dev.kairos.preferences.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final MutableClock clock = new MutableClock();
    private final TokenBuckets buckets = new TokenBuckets(3, Duration.ofSeconds(2), 2, clock);

    @Test
    void aKeyMaySendItsBurstThenWaitsForTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a")).isEmpty();
        }
        assertThat(buckets.take("a")).hasValue(Duration.ofSeconds(2));
        assertThat(buckets.take("b")).as("each key has its own bucket").isEmpty();

        clock.advance(Duration.ofMillis(1_500));
        assertThat(buckets.take("a")).hasValue(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void idleKeysAreForgottenWhenTheMemoryIsFullButBusyOnesAreNot() {
        buckets.take("busy");
        buckets.take("busy");
        buckets.take("busy");
        clock.advance(Duration.ofSeconds(1));
        buckets.take("idle");
        clock.advance(Duration.ofSeconds(2));

        assertThat(buckets.take("new")).isEmpty();
        assertThat(buckets.take("busy")).as("still counted").isEmpty();
        assertThat(buckets.take("busy")).isPresent();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
