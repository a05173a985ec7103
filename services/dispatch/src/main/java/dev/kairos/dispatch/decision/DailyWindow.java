package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Predicate;

/**
 * Allowed only from {@code from} to {@code to} local time on the days {@code days} accepts, in one zone.
 * A window whose end is not after its start runs past midnight into the next day; from == to is the whole day.
 */
record DailyWindow(Predicate<LocalDate> days, LocalTime from, LocalTime to, ZoneId zone, Reason reason)
        implements TimeRule {

    /** How far ahead to look for an allowed day: a year covers any day-of-week and holiday calendar. */
    private static final int DAYS_AHEAD = 370;

    @Override
    public Instant nextAllowed(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        if (contains(local.toLocalDate(), local.toLocalTime())) {
            return t;
        }
        for (int i = 0; i <= DAYS_AHEAD; i++) {
            LocalDate day = local.toLocalDate().plusDays(i);
            if (days.test(day)) {
                Instant start = LocalTimes.firstAtOrAfter(day.atTime(from), zone, t);
                if (start != null) {
                    return start;
                }
            }
        }
        return null;
    }

    boolean contains(LocalDate date, LocalTime time) {
        if (from.equals(to)) {
            return days.test(date);
        }
        if (from.isBefore(to)) {
            return days.test(date) && !time.isBefore(from) && time.isBefore(to);
        }
        return (days.test(date) && !time.isBefore(from)) || (days.test(date.minusDays(1)) && time.isBefore(to));
    }
}
