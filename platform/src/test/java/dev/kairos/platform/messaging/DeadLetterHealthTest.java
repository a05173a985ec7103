package dev.kairos.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class DeadLetterHealthTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final DeadLetterHealth health = new DeadLetterHealth(meters, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, Duration.ofMinutes(15));

    @Test
    void withoutDeadLettersNothingGrows() {
        Health h = health.health();

        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsEntry("moved", 0L).containsEntry("growing", false)
                .containsEntry("bySource", Map.of()).doesNotContainKey("lastGrowthSeenAt");
    }

    @Test
    void aDeadLetterShowsPerSourceAndAsGrowingUntilTheWindowPassesWithoutAnother() {
        health.health();
        meters.counter(DeadLetters.METRIC, "binding", "erasures-in-0").increment();
        meters.counter("kairos.dispatch.dead-letters", "source", "requests", "stage", "PROCESSING").increment(2);
        now = now.plusSeconds(60);

        Health grown = health.health();
        assertThat(grown.getStatus()).isEqualTo(Status.UP);
        assertThat(grown.getDetails()).containsEntry("moved", 3L).containsEntry("growing", true)
                .containsEntry("bySource", Map.of("erasures-in-0", 1L, "requests", 2L))
                .containsEntry("lastGrowthSeenAt", "2026-12-04T10:01:00Z");

        now = now.plus(Duration.ofMinutes(16));
        assertThat(health.health().getDetails()).containsEntry("moved", 3L).containsEntry("growing", false);

        meters.counter(DeadLetters.METRIC, "binding", "erasures-in-0").increment();
        assertThat(health.health().getDetails()).containsEntry("moved", 4L).containsEntry("growing", true);
    }
}
