package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The byte order of schedule keys is the order of their instants, and "due" ends where it should. */
class ScheduleKeysTest {

    @Test
    void keysSortByInstantThenRequestId() {
        Instant early = Instant.parse("2026-11-23T07:00:00Z");
        Instant late = Instant.parse("2027-11-23T07:00:00Z");

        assertThat(ScheduleKeys.of(early, "zzz").compareTo(ScheduleKeys.of(late, "aaa"))).isNegative();
        assertThat(ScheduleKeys.of(early, "a").compareTo(ScheduleKeys.of(early, "b"))).isNegative();
        assertThat(ScheduleKeys.instant(ScheduleKeys.of(late, "r-1"))).isEqualTo(late);
    }

    @Test
    void dueUpToIncludesTheInstantItselfAndNothingLater() {
        Instant now = Instant.parse("2026-11-23T07:00:00Z");

        assertThat(ScheduleKeys.of(now, "r-1").compareTo(ScheduleKeys.dueUpTo(now))).isNegative();
        assertThat(ScheduleKeys.of(now.plusMillis(1), "r-1").compareTo(ScheduleKeys.dueUpTo(now))).isPositive();
    }
}
