package dev.kairos.dispatch.decision;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The customer's choice of one message per period for a topic: every day, or every week on {@code on}, at
 * {@code at} on their clock.
 *
 * @param on the day of a weekly digest; null for a daily one
 */
public record DigestSchedule(Every every, DayOfWeek on, LocalTime at) {

    public enum Every { DAY, WEEK }

    /** A week and a day: far enough to meet the next weekly digest, whatever the day it starts from. */
    private static final int DAYS_AHEAD = 8;

    /**
     * The first digest instant strictly after {@code after}, at {@code at} on the clocks of {@code zone}. One
     * digest per local day at most: when that time does not exist (a spring-forward gap) it is the first
     * instant after the gap, when it happens twice (a fall-back overlap) only the earlier one counts.
     */
    public Instant nextAfter(Instant after, ZoneId zone) {
        LocalDate day = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= DAYS_AHEAD; i++) {
            LocalDate candidate = day.plusDays(i);
            if (every == Every.WEEK && candidate.getDayOfWeek() != on) {
                continue;
            }
            Instant instant = LocalTimes.firstOfDay(candidate.atTime(at), zone);
            if (instant.isAfter(after)) {
                return instant;
            }
        }
        throw new IllegalStateException("no digest day within " + DAYS_AHEAD + " days");
    }
}
