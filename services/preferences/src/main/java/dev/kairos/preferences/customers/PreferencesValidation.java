package dev.kairos.preferences.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.PreferencesDocument.Cap;
import dev.kairos.preferences.customers.PreferencesDocument.ContactPoints;
import dev.kairos.preferences.customers.PreferencesDocument.Digest;
import dev.kairos.preferences.customers.PreferencesDocument.FormOfAddress;
import dev.kairos.preferences.customers.PreferencesDocument.Period;
import dev.kairos.preferences.customers.PreferencesDocument.PostalAddress;
import dev.kairos.preferences.customers.PreferencesDocument.QuietHours;
import dev.kairos.preferences.customers.PreferencesDocument.SendWindow;
import dev.kairos.preferences.customers.PreferencesDocument.Title;
import dev.kairos.preferences.customers.PreferencesDocument.TopicChoice;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a submitted preferences form and builds the normalised document. Every problem is reported,
 * named by its JSON path ({@code contactPoints.sms}, {@code topics.promotions.frequency.max}), so a client
 * can fix them all at once.
 */
public final class PreferencesValidation {

    static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** Numbers of these types cannot receive a text message. */
    private static final Set<PhoneNumberType> NOT_FOR_SMS = Set.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST, PhoneNumberType.TOLL_FREE,
            PhoneNumberType.UAN, PhoneNumberType.VOICEMAIL);
    private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern EMAIL_DOMAIN = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern JURISDICTION = Pattern.compile("([A-Z]{2})(-[A-Z0-9]{1,3})?");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final int MAX_TEXT = 200;
    /*
     * Bounds of a document, so that one customer's preferences stay a small event: a snapshot of every
     * change goes to Kafka, whose records are limited in size. Far above what a person sets by hand.
     */
    static final int MAX_QUIET_HOURS = 20;
    static final int MAX_SEND_WINDOWS = 20;
    static final int MAX_POSTAL_LINES = 5;
    static final int MAX_TOPICS = 100;

    private PreferencesValidation() {
    }

    static void checkCustomerId(String customerId, List<FieldProblem> problems) {
        if (customerId == null || !CUSTOMER_ID.matcher(customerId).matches()) {
            problems.add(new FieldProblem("customerId", "must match " + CUSTOMER_ID.pattern()));
        }
    }

    /**
     * The document the form describes, or null when {@code problems} received at least one problem.
     *
     * @param unknownTopics topic ids of the form that the catalogue does not hold
     */
    public static PreferencesDocument parse(PreferencesForm form, Set<String> unknownTopics, List<FieldProblem> problems) {
        return parse(form, unknownTopics, problems, false);
    }

    /**
     * The document of a form this class built when it was written ({@link PreferencesForm#of}), for reads.
     * Its phone number is then already in E.164 and is taken as stored: checking it again with libphonenumber
     * took about a sixth of a read's CPU, and a number the library's newer metadata no longer accepts
     * must not make the customer's stored preferences unreadable.
     */
    public static PreferencesDocument restore(PreferencesForm stored, List<FieldProblem> problems) {
        // Topics were checked against the catalogue when written; the catalogue never drops a topic.
        return parse(stored, Set.of(), problems, true);
    }

    private static PreferencesDocument parse(PreferencesForm form, Set<String> unknownTopics,
            List<FieldProblem> problems, boolean stored) {
        if (form == null) {
            problems.add(new FieldProblem("", "the body is missing"));
            return null;
        }
        int before = problems.size();
        Locale locale = locale(form.locale(), problems);
        ZoneId zone = zone(form.timeZone(), problems);
        FormOfAddress formOfAddress = formOfAddress(form.formOfAddress(), problems);
        ContactPoints contactPoints = contactPoints(form.contactPoints(), stored, problems);
        String jurisdiction = jurisdiction(form.jurisdiction(), contactPoints, problems);
        List<Channel> priority = orEmpty(Channel.parseAll(form.channelPriority(), "channelPriority", problems));
        // A stored document was accepted under the bounds of its day: reading it back must not fail.
        List<QuietHours> quietHours = quietHours(
                stored ? form.quietHours() : atMost(form.quietHours(), MAX_QUIET_HOURS, "quietHours", problems), problems);
        List<SendWindow> sendWindows = sendWindows(
                stored ? form.sendWindows() : atMost(form.sendWindows(), MAX_SEND_WINDOWS, "sendWindows", problems), problems);
        Map<String, TopicChoice> topics = topics(
                stored ? form.topics() : atMost(form.topics(), MAX_TOPICS, "topics", problems), unknownTopics, problems);
        Cap overallCap = cap(form.overallCap(), "overallCap", problems);
        Instant pausedUntil = instant(form.pausedUntil(), "pausedUntil", problems);
        if (problems.size() > before) {
            return null;
        }
        return new PreferencesDocument(locale, zone, jurisdiction, formOfAddress, contactPoints, priority, quietHours,
                sendWindows, topics, overallCap, pausedUntil);
    }

    private static Locale locale(String tag, List<FieldProblem> problems) {
        if (tag == null || tag.isBlank()) {
            problems.add(new FieldProblem("locale", "is required (a BCP 47 language tag such as fr-FR)"));
            return null;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.strip()).build();
            if (knownLanguage(locale.getLanguage()) && knownRegion(locale.getCountry())) {
                return locale;
            }
        } catch (IllformedLocaleException e) {
            // reported below
        }
        problems.add(new FieldProblem("locale", "must be a BCP 47 language tag such as fr-FR"));
        return null;
    }

    /** Two-letter codes are checked against ISO 639-1; three-letter ones (ISO 639-2/3) only for their form. */
    private static boolean knownLanguage(String language) {
        return LANGUAGES.contains(language) || language.length() == 3;
    }

    /** Absent, ISO 3166-1 alpha-2, or a UN M.49 area such as 419 (Latin America). */
    private static boolean knownRegion(String region) {
        return region.isEmpty() || COUNTRIES.contains(region) || region.matches("\\d{3}");
    }

    private static ZoneId zone(String id, List<FieldProblem> problems) {
        if (id == null || id.isBlank()) {
            problems.add(new FieldProblem("timeZone", "is required (an IANA time zone id such as Europe/Paris)"));
            return null;
        }
        // ZoneId.of also takes fixed offsets (+01:00), which know nothing of daylight saving time.
        if (!ZONES.contains(id)) {
            problems.add(new FieldProblem("timeZone", "must be an IANA time zone id such as Europe/Paris"));
            return null;
        }
        return ZoneId.of(id);
    }

    private static FormOfAddress formOfAddress(PreferencesForm.FormOfAddress form, List<FieldProblem> problems) {
        if (form == null) {
            return new FormOfAddress(Title.NONE, null, null);
        }
        Title title = Title.NONE;
        if (form.title() != null) {
            title = oneOf(Title.values(), form.title(), "formOfAddress.title", problems);
        }
        return new FormOfAddress(title, text(form.givenName(), "formOfAddress.givenName", false, problems),
                text(form.familyName(), "formOfAddress.familyName", false, problems));
    }

    private static ContactPoints contactPoints(PreferencesForm.ContactPoints form, boolean stored,
            List<FieldProblem> problems) {
        if (form == null) {
            return new ContactPoints(null, null, null);
        }
        String sms = stored ? blankToNull(form.sms()) : sms(form.sms(), problems);
        return new ContactPoints(email(form.email(), problems), sms, postal(form.postal(), stored, problems));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String email(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip();
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > 64 || email.length() > 254
                || !EMAIL_LOCAL.matcher(email.substring(0, at)).matches()
                || !EMAIL_DOMAIN.matcher(email.substring(at + 1)).matches()) {
            problems.add(new FieldProblem("contactPoints.email", "must be an email address such as name@example.com"));
            return null;
        }
        // The domain is case-insensitive; the local part belongs to the receiving server, so it stays as given.
        return email.substring(0, at + 1) + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String sms(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // "ZZ" (no region) makes the leading + and country code mandatory: a national number such as
        // 06 12 34 56 78 means nothing once it leaves its country. Spaces, dots and dashes are accepted.
        PhoneNumber number;
        try {
            number = PHONES.parse(value.strip(), "ZZ");
        } catch (NumberParseException e) {
            number = null;
        }
        // A number's type is UNKNOWN exactly when it is not valid (what isValidNumber tests): one lookup, not two.
        PhoneNumberType type = number == null ? PhoneNumberType.UNKNOWN : PHONES.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN || !value.strip().startsWith("+")) {
            problems.add(new FieldProblem("contactPoints.sms", "must be a valid phone number in E.164, such as +33612345678"));
            return null;
        }
        if (NOT_FOR_SMS.contains(type)) {
            problems.add(new FieldProblem("contactPoints.sms", "must be a number that can receive text messages (a mobile)"));
            return null;
        }
        return PHONES.format(number, PhoneNumberFormat.E164);
    }

    private static PostalAddress postal(PreferencesForm.PostalAddress form, boolean stored, List<FieldProblem> problems) {
        if (form == null) {
            return null;
        }
        String field = "contactPoints.postal";
        String recipient = text(form.recipient(), field + ".recipient", true, problems);
        List<String> lines = new ArrayList<>();
        if (form.lines() == null || form.lines().isEmpty()) {
            problems.add(new FieldProblem(field + ".lines", "must hold at least one line"));
        } else {
            List<String> given = stored ? form.lines() : atMost(form.lines(), MAX_POSTAL_LINES, field + ".lines", problems);
            for (int i = 0; i < given.size(); i++) {
                lines.add(text(given.get(i), field + ".lines[" + i + "]", true, problems));
            }
        }
        String postalCode = text(form.postalCode(), field + ".postalCode", true, problems);
        String city = text(form.city(), field + ".city", true, problems);
        String country = null;
        if (form.country() == null || form.country().isBlank()) {
            problems.add(new FieldProblem(field + ".country", "is required (ISO 3166-1 alpha-2, such as FR)"));
        } else if (!COUNTRIES.contains(form.country().strip().toUpperCase(Locale.ROOT))) {
            problems.add(new FieldProblem(field + ".country", "must be an ISO 3166-1 alpha-2 code such as FR"));
        } else {
            country = form.country().strip().toUpperCase(Locale.ROOT);
        }
        String region = null;
        if (form.region() != null && !form.region().isBlank()) {
            region = form.region().strip().toUpperCase(Locale.ROOT);
            var matcher = JURISDICTION.matcher(region);
            if (!matcher.matches() || matcher.group(2) == null
                    || (country != null && !matcher.group(1).equals(country))) {
                problems.add(new FieldProblem(field + ".region",
                        "must be an ISO 3166-2 subdivision of the country, such as US-FL"));
            }
        }
        return new PostalAddress(recipient, lines, postalCode, city, country, region);
    }

    /**
     * The given jurisdiction or, when absent, the one of the contact points: the postal address (its region,
     * else its country), else the country of the phone number. A US number without a postal region gives
     * {@code US}: an area code follows the person when they move, so it does not tell the state they live in.
     */
    private static String jurisdiction(String value, ContactPoints contactPoints, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            PostalAddress postal = contactPoints.postal();
            if (postal != null && postal.country() != null) {
                return postal.region() != null ? postal.region() : postal.country();
            }
            return contactPoints.sms() == null ? null : phoneCountry(contactPoints.sms());
        }
        String jurisdiction = value.strip().toUpperCase(Locale.ROOT);
        var matcher = JURISDICTION.matcher(jurisdiction);
        if (!matcher.matches() || !COUNTRIES.contains(matcher.group(1))) {
            problems.add(new FieldProblem("jurisdiction", "must be an ISO 3166 code such as FR or US-FL"));
            return null;
        }
        return jurisdiction;
    }

    /** The ISO 3166-1 country of a valid E.164 number, or null for non-geographic numbers. */
    private static String phoneCountry(String e164) {
        try {
            String region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, "ZZ"));
            return region == null || !COUNTRIES.contains(region) ? null : region;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static List<QuietHours> quietHours(List<PreferencesForm.QuietHours> forms, List<FieldProblem> problems) {
        List<QuietHours> all = new ArrayList<>();
        for (int i = 0; forms != null && i < forms.size(); i++) {
            String field = "quietHours[" + i + "]";
            PreferencesForm.QuietHours form = forms.get(i);
            if (form == null) {
                problems.add(new FieldProblem(field, "must be an object with from, to and channels"));
                continue;
            }
            LocalTime from = time(form.from(), field + ".from", problems);
            LocalTime to = time(form.to(), field + ".to", problems);
            checkNotEmptyRange(from, to, field, problems);
            List<Channel> channels = orEmpty(Channel.parseAll(form.channels(), field + ".channels", problems));
            all.add(new QuietHours(from, to, channels));
        }
        return all;
    }

    private static List<SendWindow> sendWindows(List<PreferencesForm.SendWindow> forms, List<FieldProblem> problems) {
        List<SendWindow> all = new ArrayList<>();
        for (int i = 0; forms != null && i < forms.size(); i++) {
            String field = "sendWindows[" + i + "]";
            PreferencesForm.SendWindow form = forms.get(i);
            if (form == null) {
                problems.add(new FieldProblem(field, "must be an object with days, from and to"));
                continue;
            }
            List<DayOfWeek> days = new ArrayList<>();
            // A day may appear once: more entries than days in a week are refused without reading them all.
            List<String> given = atMost(form.days(), DayOfWeek.values().length, field + ".days", problems);
            for (int d = 0; given != null && d < given.size(); d++) {
                String dayField = field + ".days[" + d + "]";
                DayOfWeek day = oneOf(DayOfWeek.values(), given.get(d), dayField, problems);
                if (day != null && days.contains(day)) {
                    problems.add(new FieldProblem(dayField, "repeats " + day));
                } else if (day != null) {
                    days.add(day);
                }
            }
            LocalTime from = time(form.from(), field + ".from", problems);
            LocalTime to = time(form.to(), field + ".to", problems);
            checkNotEmptyRange(from, to, field, problems);
            all.add(new SendWindow(days, from, to));
        }
        return all;
    }

    private static void checkNotEmptyRange(LocalTime from, LocalTime to, String field, List<FieldProblem> problems) {
        if (from != null && from.equals(to)) {
            problems.add(new FieldProblem(field + ".to", "must differ from from"));
        }
    }

    private static Map<String, TopicChoice> topics(Map<String, PreferencesForm.TopicChoice> forms,
            Set<String> unknownTopics, List<FieldProblem> problems) {
        Map<String, TopicChoice> all = new LinkedHashMap<>();
        if (forms == null) {
            return all;
        }
        forms.forEach((topicId, form) -> {
            String field = "topics." + topicId;
            if (unknownTopics.contains(topicId)) {
                problems.add(new FieldProblem(field, "unknown topic"));
            }
            if (form == null) {
                problems.add(new FieldProblem(field, "must be an object with channels, frequency or digest"));
                return;
            }
            List<Channel> channels = Channel.parseAll(form.channels(), field + ".channels", problems);
            Cap frequency = cap(form.frequency(), field + ".frequency", problems);
            Digest digest = digest(form.digest(), field + ".digest", problems);
            all.put(topicId, new TopicChoice(channels, frequency, digest));
        });
        return all;
    }

    private static Cap cap(PreferencesForm.Cap form, String field, List<FieldProblem> problems) {
        if (form == null) {
            return null;
        }
        if (form.max() == null || form.max() < 1) {
            problems.add(new FieldProblem(field + ".max", "must be at least 1"));
        }
        Period per = null;
        if (form.per() == null) {
            problems.add(new FieldProblem(field + ".per", "is required (DAY, WEEK or MONTH)"));
        } else {
            per = oneOf(Period.values(), form.per(), field + ".per", problems);
        }
        return form.max() == null || per == null ? null : new Cap(form.max(), per);
    }

    private static Digest digest(PreferencesForm.Digest form, String field, List<FieldProblem> problems) {
        if (form == null) {
            return null;
        }
        Period every = null;
        if (!Period.DAY.name().equals(form.every()) && !Period.WEEK.name().equals(form.every())) {
            problems.add(new FieldProblem(field + ".every", "must be DAY or WEEK"));
        } else {
            every = Period.valueOf(form.every());
        }
        DayOfWeek on = null;
        if (every == Period.WEEK) {
            if (form.on() == null) {
                problems.add(new FieldProblem(field + ".on", "is required for a weekly digest (MONDAY ... SUNDAY)"));
            } else {
                on = oneOf(DayOfWeek.values(), form.on(), field + ".on", problems);
            }
        } else if (every == Period.DAY && form.on() != null) {
            problems.add(new FieldProblem(field + ".on", "applies only to weekly digests"));
        }
        LocalTime at = time(form.at(), field + ".at", problems);
        return new Digest(every, on, at);
    }

    private static LocalTime time(String value, String field, List<FieldProblem> problems) {
        if (value == null || !TIME.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be a time HH:mm such as 08:30"));
            return null;
        }
        return LocalTime.parse(value);
    }

    private static Instant instant(String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            // Events carry milliseconds; keeping the same precision here makes stored and published agree.
            return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "must be an instant such as 2026-12-01T08:00:00Z"));
            return null;
        }
    }

    private static String text(String value, String field, boolean required, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_TEXT + " characters"));
        }
        return text;
    }

    private static <E extends Enum<E>> E oneOf(E[] values, String name, String field, List<FieldProblem> problems) {
        for (E value : values) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        problems.add(new FieldProblem(field, "must be one of "
                + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "))));
        return null;
    }

    /**
     * The first {@code max} entries, which are then checked one by one; more entries are reported once,
     * under the collection's name, and not read (a request with 100,000 entries costs no more than one with max).
     */
    private static <T> List<T> atMost(List<T> list, int max, String field, List<FieldProblem> problems) {
        if (list == null || list.size() <= max) {
            return list;
        }
        problems.add(new FieldProblem(field, "must hold at most " + max + " entries"));
        return list.subList(0, max);
    }

    private static <V> Map<String, V> atMost(Map<String, V> map, int max, String field, List<FieldProblem> problems) {
        if (map == null || map.size() <= max) {
            return map;
        }
        problems.add(new FieldProblem(field, "must hold at most " + max + " entries"));
        Map<String, V> first = new LinkedHashMap<>();
        map.entrySet().stream().limit(max).forEach(e -> first.put(e.getKey(), e.getValue()));
        return first;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
