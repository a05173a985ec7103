package dev.kairos.dispatch.decision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The hours the law (or firm industry practice) allows MARKETING to reach a customer, by jurisdiction and
 * channel. They must hold in every zone the recipient may be in, so each candidate zone gets its own rule.
 * Only marketing texts are bound today; email and letters are not.
 *
 * <p>When the jurisdiction is not known precisely, the customer may be under any rule it could be: no
 * jurisdiction at all gets the strictest hours of every jurisdiction listed here, a country without its
 * region the strictest of that country's (a US customer without a state: Florida's 08:00-20:00).
 */
final class LegalHours {

    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    /**
     * France, promotional SMS: Monday to Saturday 08:00-20:00, never Sundays or public holidays.
     * Source: industry practice in France (the operators' code of conduct for commercial SMS, as
     * docs/compliance item 7 records it); checked 2026-11.
     */
    private static final Hours FRANCE_SMS = new Hours(LegalHours::frenchSmsDay, EIGHT, LocalTime.of(20, 0));

    /**
     * US, marketing texts: 08:00-21:00 at the called party's location (TCPA, 47 CFR 64.1200(c)(1)),
     * unless the state is stricter. State exceptions, one row each.
     * Florida: 08:00-20:00, Fla. Stat. 501.059(8)(a) as amended by SB 1120 (2021), in force since
     * 2021-07-01; checked 2026-11.
     */
    private static final Hours US_SMS = new Hours(day -> true, EIGHT, LocalTime.of(21, 0));
    private static final Map<String, Hours> US_STATE_SMS = Map.of(
            "FL", new Hours(day -> true, EIGHT, LocalTime.of(20, 0)));

    private static final Set<DayOfWeek> MONDAY_TO_SATURDAY = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);

    /** The strictest hours of all the US rules: a US customer whose state is not known may be in any state. */
    private static final Hours US_ANY_STATE = US_STATE_SMS.values().stream().reduce(US_SMS, Hours::and);

    /** The strictest hours Kairos knows anywhere: a customer without a jurisdiction may be under any of them. */
    private static final Hours ANYWHERE = FRANCE_SMS.and(US_ANY_STATE);

    private LegalHours() {
    }

    static List<TimeRule> forMarketing(String jurisdiction, Channel channel, Set<ZoneId> zones) {
        List<TimeRule> rules = new ArrayList<>();
        if (channel != Channel.SMS) {
            return rules;
        }
        smsHours(jurisdiction).ifPresent(hours -> zones.forEach(zone ->
                rules.add(new DailyWindow(hours.days(), hours.from(), hours.to(), zone, Reason.LEGAL_HOURS))));
        return rules;
    }

    /** The hours for marketing texts in the jurisdiction, empty when its law sets none (or Kairos knows none). */
    private static Optional<Hours> smsHours(String jurisdiction) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return Optional.of(ANYWHERE);
        }
        String upper = jurisdiction.trim().toUpperCase(Locale.ROOT);
        int dash = upper.indexOf('-');
        String country = dash < 0 ? upper : upper.substring(0, dash);
        String region = dash < 0 ? "" : upper.substring(dash + 1);
        return switch (country) {
            case "FR" -> Optional.of(FRANCE_SMS);
            case "US" -> Optional.of(region.isEmpty() ? US_ANY_STATE : US_STATE_SMS.getOrDefault(region, US_SMS));
            // Known, and bound by consent but not by the hour: the United Kingdom, PECR 2003 (SI 2003/2426)
            // reg. 22 (consent, or the soft opt-in of reg. 22(3)); Germany, UWG § 7(2) Nr. 2 (prior express
            // consent for advertising by electronic mail, texts included). Neither sets contact hours for
            // texts; checked 2026-12.
            case "GB", "UK", "DE" -> Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean frenchSmsDay(LocalDate day) {
        return MONDAY_TO_SATURDAY.contains(day.getDayOfWeek()) && !FrenchHolidays.isHoliday(day);
    }

    /** Allowed on the days {@code days} accepts, from {@code from} to {@code to} local time (not past midnight). */
    private record Hours(Predicate<LocalDate> days, LocalTime from, LocalTime to) {

        /** Only when both allow: the later start, the earlier end, the days both accept. */
        Hours and(Hours other) {
            return new Hours(days.and(other.days), from.isAfter(other.from) ? from : other.from,
                    to.isBefore(other.to) ? to : other.to);
        }
    }
}
