package dev.kairos.dispatch.engine;

import dev.kairos.proto.common.PostalAddress;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The zones a customer may be in besides the one they declared: their phone number's and their postal
 * region's. Legal contact hours must hold in each. libphonenumber's geocoder artifact (which maps any number
 * to its zones) does not resolve in this build, so this is a deliberately small table: calling codes and
 * countries that span one zone, and the North American area codes of the states with a stricter SMS rule.
 * A number or address the table does not know adds no zone; the declared zone still applies.
 */
final class CandidateZones {

    /** Country calling code to zone, for countries with a single zone (E.164 prefixes, without the '+'). */
    private static final Map<String, String> CALLING_CODES = Map.ofEntries(
            Map.entry("33", "Europe/Paris"), Map.entry("32", "Europe/Brussels"), Map.entry("49", "Europe/Berlin"),
            Map.entry("41", "Europe/Zurich"), Map.entry("352", "Europe/Luxembourg"), Map.entry("39", "Europe/Rome"),
            Map.entry("31", "Europe/Amsterdam"), Map.entry("44", "Europe/London"), Map.entry("353", "Europe/Dublin"),
            Map.entry("43", "Europe/Vienna"));

    /** North American area codes of Florida (both of its zones for the panhandle's 850). */
    private static final Map<String, List<String>> AREA_CODES = Map.ofEntries(
            Map.entry("239", List.of("America/New_York")), Map.entry("305", List.of("America/New_York")),
            Map.entry("321", List.of("America/New_York")), Map.entry("352", List.of("America/New_York")),
            Map.entry("386", List.of("America/New_York")), Map.entry("407", List.of("America/New_York")),
            Map.entry("561", List.of("America/New_York")), Map.entry("727", List.of("America/New_York")),
            Map.entry("754", List.of("America/New_York")), Map.entry("772", List.of("America/New_York")),
            Map.entry("786", List.of("America/New_York")), Map.entry("813", List.of("America/New_York")),
            Map.entry("850", List.of("America/New_York", "America/Chicago")),
            Map.entry("863", List.of("America/New_York")), Map.entry("904", List.of("America/New_York")),
            Map.entry("941", List.of("America/New_York")), Map.entry("954", List.of("America/New_York")));

    /** ISO country of a postal address to zone, for countries with a single zone. */
    private static final Map<String, String> COUNTRIES = Map.of(
            "FR", "Europe/Paris", "BE", "Europe/Brussels", "DE", "Europe/Berlin", "CH", "Europe/Zurich",
            "LU", "Europe/Luxembourg", "IT", "Europe/Rome", "NL", "Europe/Amsterdam", "GB", "Europe/London",
            "IE", "Europe/Dublin", "AT", "Europe/Vienna");

    private CandidateZones() {
    }

    static Set<ZoneId> of(String phone, PostalAddress postal) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        if (phone != null && phone.startsWith("+")) {
            String digits = phone.substring(1);
            if (digits.startsWith("1") && digits.length() >= 4) {
                AREA_CODES.getOrDefault(digits.substring(1, 4), List.of()).forEach(z -> zones.add(ZoneId.of(z)));
            } else {
                for (int length = 3; length >= 1; length--) {
                    String zone = digits.length() > length ? CALLING_CODES.get(digits.substring(0, length)) : null;
                    if (zone != null) {
                        zones.add(ZoneId.of(zone));
                        break;
                    }
                }
            }
        }
        if (postal != null && postal.getCountry() != null && COUNTRIES.containsKey(postal.getCountry())) {
            zones.add(ZoneId.of(COUNTRIES.get(postal.getCountry())));
        }
        return zones;
    }
}
