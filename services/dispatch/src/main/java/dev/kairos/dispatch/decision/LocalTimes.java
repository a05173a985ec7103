package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;

/** Local wall-clock times to instants, the way the architecture settles daylight-saving edges. */
final class LocalTimes {

    private LocalTimes() {
    }

    /**
     * The first instant not before {@code notBefore} at which the zone's clocks show {@code local}. In a
     * gap (the clocks jump over that time) it is the first instant after the gap; in an overlap (that time
     * happens twice) the earlier offset, unless that instant is already past, then the later one.
     */
    static Instant firstAtOrAfter(LocalDateTime local, ZoneId zone, Instant notBefore) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            return gap.getInstant().isBefore(notBefore) ? null : gap.getInstant();
        }
        return offsets.stream()
                .map(local::toInstant)
                .sorted()
                .filter(instant -> !instant.isBefore(notBefore))
                .findFirst().orElse(null);
    }

    /**
     * The instant at which the zone's clocks first show {@code local} that day: in a gap the first instant
     * after it, in an overlap the earlier offset (so a time of day happens once a day, whatever the clocks do).
     */
    static Instant firstOfDay(LocalDateTime local, ZoneId zone) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return zone.getRules().getTransition(local).getInstant();
        }
        return offsets.stream().map(local::toInstant).min(Instant::compareTo).orElseThrow();
    }
}
