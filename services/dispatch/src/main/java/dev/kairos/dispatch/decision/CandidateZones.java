package dev.kairos.dispatch.decision;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The zones a customer may be in besides the one they declared: their phone number's and their postal
 * country's. Legal contact hours must hold in each: the TCPA counts the recipient's local time (47 CFR § 64.1200(c)(1)),
 * and a number or an address may say better than the declared zone where that is.
 *
 * <p>A phone number's zones come from libphonenumber's prefix data: one zone for a French mobile, the area
 * code's zones for a North American number (both of the Florida panhandle's for 850), every zone of the
 * country where the prefix does not tell, plus the zones its data misses in split area codes. Postal addresses carry no zone: only countries that span one zone
 * add theirs.
 */
public final class CandidateZones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper PHONE_ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    /**
     * Zones libphonenumber's data leaves out of an area code that spans two: Florida's 850 covers the
     * panhandle west of the Apalachicola River, on Central time (its data gives Eastern only).
     */
    private static final Map<String, String> SPLIT_AREA_CODES = Map.of("+1850", "America/Chicago");

    /** ISO country of a postal address to zone, for countries with a single zone. */
    private static final Map<String, String> COUNTRIES = Map.of(
            "FR", "Europe/Paris", "BE", "Europe/Brussels", "DE", "Europe/Berlin", "CH", "Europe/Zurich",
            "LU", "Europe/Luxembourg", "IT", "Europe/Rome", "NL", "Europe/Amsterdam", "GB", "Europe/London",
            "IE", "Europe/Dublin", "AT", "Europe/Vienna");

    private CandidateZones() {
    }

    /** @param postalCountry the ISO 3166-1 country of the postal address on record, if any */
    public static Set<ZoneId> of(String phone, String postalCountry) {
        Set<ZoneId> zones = new LinkedHashSet<>();
        if (phone != null) {
            try {
                for (String zone : PHONE_ZONES.getTimeZonesForNumber(PHONES.parse(phone, null))) {
                    add(zones, zone);
                }
            } catch (NumberParseException notANumber) {
                // Preferences only stores valid E.164 numbers; anything else names no zone.
            }
            SPLIT_AREA_CODES.forEach((prefix, zone) -> {
                if (phone.startsWith(prefix)) {
                    add(zones, zone);
                }
            });
        }
        if (postalCountry != null && COUNTRIES.containsKey(postalCountry)) {
            zones.add(ZoneId.of(COUNTRIES.get(postalCountry)));
        }
        return zones;
    }

    private static void add(Set<ZoneId> zones, String zone) {
        if (zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
            return;
        }
        try {
            zones.add(ZoneId.of(zone));
        } catch (DateTimeException unknownToThisJdk) {
            // A zone newer than the JDK's rules: the declared zone and the others still apply.
        }
    }
}
