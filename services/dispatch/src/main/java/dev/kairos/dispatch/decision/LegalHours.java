package dev.kairos.dispatch.decision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hours the law (or firm industry practice) allows MARKETING to reach a customer, by jurisdiction and
 * channel. They must hold in every zone the recipient may be in, so each candidate zone gets its own rule.
 * Only marketing texts are bound today; email and letters are not.
 */
final class LegalHours {

    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    /**
     * France, promotional SMS: Monday to Saturday 08:00-20:00, never Sundays or public holidays.
     * Source: industry practice in France (the operators' code of conduct for commercial SMS, as
     * docs/compliance item 7 records it); checked 2026-11.
     */
    private static final LocalTime FRANCE_SMS_END = LocalTime.of(20, 0);

    /**
     * US, marketing texts: 08:00-21:00 at the called party's location (TCPA, 47 CFR 64.1200(c)(1)),
     * unless the state is stricter. State exceptions, one row each.
     * Florida: 08:00-20:00, Fla. Stat. 501.059(8)(a) as amended by SB 1120 (2021), in force since
     * 2021-07-01; checked 2026-11.
     */
    private static final LocalTime US_SMS_END = LocalTime.of(21, 0);
    private static final Map<String, LocalTime> US_STATE_SMS_END = Map.of(
            "FL", LocalTime.of(20, 0));

    private static final Set<DayOfWeek> MONDAY_TO_SATURDAY = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);

    private LegalHours() {
    }

    static List<TimeRule> forMarketing(String jurisdiction, Channel channel, Set<ZoneId> zones) {
        List<TimeRule> rules = new ArrayList<>();
        if (channel != Channel.SMS || jurisdiction == null) {
            return rules;
        }
        String upper = jurisdiction.toUpperCase(Locale.ROOT);
        String country = upper.contains("-") ? upper.substring(0, upper.indexOf('-')) : upper;
        String region = upper.contains("-") ? upper.substring(upper.indexOf('-') + 1) : "";
        for (ZoneId zone : zones) {
            if (country.equals("FR")) {
                rules.add(new DailyWindow(LegalHours::frenchSmsDay, EIGHT, FRANCE_SMS_END, zone, Reason.LEGAL_HOURS));
            } else if (country.equals("US")) {
                rules.add(new DailyWindow(day -> true, EIGHT, US_STATE_SMS_END.getOrDefault(region, US_SMS_END), zone,
                        Reason.LEGAL_HOURS));
            }
        }
        return rules;
    }

    private static boolean frenchSmsDay(LocalDate day) {
        return MONDAY_TO_SATURDAY.contains(day.getDayOfWeek()) && !FrenchHolidays.isHoliday(day);
    }
}
