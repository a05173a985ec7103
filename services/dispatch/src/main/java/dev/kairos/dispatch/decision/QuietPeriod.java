package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Forbidden from {@code from} to {@code to} local time every day, wrapping midnight when to is before from. */
record QuietPeriod(LocalTime from, LocalTime to, ZoneId zone) implements TimeRule {

    @Override
    public Instant nextAllowed(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!contains(time)) {
            return t;
        }
        boolean endsTomorrow = to.isBefore(from) && !time.isBefore(from);
        LocalDate endDay = endsTomorrow ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return LocalTimes.firstAtOrAfter(endDay.atTime(to), zone, t);
    }

    @Override
    public Reason reason() {
        return Reason.QUIET_HOURS;
    }

    boolean contains(LocalTime time) {
        if (from.equals(to)) {
            return false;
        }
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to);
        }
        return !time.isBefore(from) || time.isBefore(to);
    }
}
