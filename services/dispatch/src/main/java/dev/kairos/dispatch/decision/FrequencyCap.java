package dev.kairos.dispatch.decision;

import java.time.Duration;

/** At most {@code max} messages in any rolling window of one period. */
public record FrequencyCap(int max, Period per) {

    /** Rolling windows: a day is 24 hours, a week 7 days, a month 30 days, whatever the calendar says. */
    public enum Period {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30));

        private final Duration length;

        Period(Duration length) {
            this.length = length;
        }

        public Duration length() {
            return length;
        }
    }
}
