package dev.kairos.dispatch.decision;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** When the customer wants to hear from us, local to their zone; {@code days} empty means every day. */
public record SendWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
}
