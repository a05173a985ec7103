package dev.kairos.preferences.pages.web;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.topics.Topic;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * The preference centre's HTML form, both ways: the field names the page uses, and reading a submitted
 * form back into a {@link PreferencesForm}. Blank rows (quiet hours, send windows) are dropped, so the
 * page can always offer one more empty row.
 */
final class CentreForm {

    /** How often a topic may write, as the page offers it. */
    enum Mode { INSTANT, CAP, DIGEST_DAY, DIGEST_WEEK }

    static final int EXTRA_ROWS = 1;

    private CentreForm() {
    }

    /**
     * @param current the stored document, for what the page does not show (channel priority) and the
     *                jurisdiction when the contact points it came from are unchanged
     */
    static PreferencesForm read(MultiValueMap<String, String> in, List<Topic> topics, PreferencesForm current) {
        PreferencesForm.ContactPoints points = new PreferencesForm.ContactPoints(blankToNull(in.getFirst("email")),
                blankToNull(in.getFirst("sms")), postal(in));
        boolean sameContactPoints = points.equals(current.contactPoints());
        Map<String, PreferencesForm.TopicChoice> choices = new LinkedHashMap<>();
        for (Topic topic : topics) {
            String prefix = "topic." + topic.id() + ".";
            if (!in.containsKey(prefix + "shown")) {
                // The topic was added to the catalogue after the page was rendered: keep the stored choice.
                PreferencesForm.TopicChoice stored = current.topics().get(topic.id());
                if (stored != null) {
                    choices.put(topic.id(), stored);
                }
                continue;
            }
            List<String> channels = values(in, prefix + "channel");
            Mode mode = mode(in.getFirst(prefix + "mode"));
            PreferencesForm.Cap cap = mode == Mode.CAP
                    ? new PreferencesForm.Cap(integer(in.getFirst(prefix + "capMax")), in.getFirst(prefix + "capPer")) : null;
            PreferencesForm.Digest digest = null;
            if (mode == Mode.DIGEST_DAY) {
                digest = new PreferencesForm.Digest("DAY", null, blankToNull(in.getFirst(prefix + "digestAt")));
            } else if (mode == Mode.DIGEST_WEEK) {
                digest = new PreferencesForm.Digest("WEEK", blankToNull(in.getFirst(prefix + "digestOn")),
                        blankToNull(in.getFirst(prefix + "digestAt")));
            }
            boolean defaults = Set.copyOf(channels).equals(Set.copyOf(names(topic.defaultChannels())));
            boolean storedBefore = current.topics().containsKey(topic.id());
            // Untouched defaults stay implicit, so a later change of the catalogue's defaults still applies.
            if (!storedBefore && defaults && mode == Mode.INSTANT) {
                continue;
            }
            choices.put(topic.id(), new PreferencesForm.TopicChoice(channels, cap, digest));
        }
        List<PreferencesForm.QuietHours> quiet = new ArrayList<>();
        for (int i = 0; in.containsKey("quiet." + i + ".from"); i++) {
            String from = blankToNull(in.getFirst("quiet." + i + ".from"));
            String to = blankToNull(in.getFirst("quiet." + i + ".to"));
            if (from != null || to != null) {
                quiet.add(new PreferencesForm.QuietHours(from, to, values(in, "quiet." + i + ".channel")));
            }
        }
        List<PreferencesForm.SendWindow> windows = new ArrayList<>();
        for (int i = 0; in.containsKey("window." + i + ".from"); i++) {
            String from = blankToNull(in.getFirst("window." + i + ".from"));
            String to = blankToNull(in.getFirst("window." + i + ".to"));
            if (from != null || to != null) {
                windows.add(new PreferencesForm.SendWindow(values(in, "window." + i + ".day"), from, to));
            }
        }
        Integer overallMax = integer(in.getFirst("overallMax"));
        PreferencesForm.Cap overall = blankToNull(in.getFirst("overallMax")) == null ? null
                : new PreferencesForm.Cap(overallMax == null ? 0 : overallMax, in.getFirst("overallPer"));
        String timeZone = blankToNull(in.getFirst("timeZone"));
        return new PreferencesForm(blankToNull(in.getFirst("locale")), timeZone,
                sameContactPoints ? current.jurisdiction() : null,
                new PreferencesForm.FormOfAddress(in.getFirst("title"), blankToNull(in.getFirst("givenName")),
                        blankToNull(in.getFirst("familyName"))),
                points, current.channelPriority(), quiet, windows, choices, overall,
                pausedUntil(blankToNull(in.getFirst("pausedUntil")), timeZone));
    }

    /** Channel names ticked for a topic on a submitted form. */
    static List<String> channels(MultiValueMap<String, String> in, String topicId) {
        return values(in, "topic." + topicId + ".channel");
    }

    static Mode modeOf(PreferencesForm.TopicChoice choice) {
        if (choice == null) {
            return Mode.INSTANT;
        }
        if (choice.digest() != null) {
            return "DAY".equals(choice.digest().every()) ? Mode.DIGEST_DAY : Mode.DIGEST_WEEK;
        }
        return choice.frequency() != null ? Mode.CAP : Mode.INSTANT;
    }

    /**
     * The page asks for a date: the pause ends at the start of that day in the customer's zone. A date the
     * page cannot read is passed on as typed, so validation names the field.
     */
    private static String pausedUntil(String date, String zone) {
        if (date == null) {
            return null;
        }
        try {
            ZoneId zoneId = zone != null && ZoneId.getAvailableZoneIds().contains(zone) ? ZoneId.of(zone) : ZoneId.of("UTC");
            return LocalDate.parse(date).atStartOfDay(zoneId).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return date;
        }
    }

    private static PreferencesForm.PostalAddress postal(MultiValueMap<String, String> in) {
        List<String> lines = new ArrayList<>();
        for (String name : List.of("postal.line1", "postal.line2")) {
            String line = blankToNull(in.getFirst(name));
            if (line != null) {
                lines.add(line);
            }
        }
        String recipient = blankToNull(in.getFirst("postal.recipient"));
        String postalCode = blankToNull(in.getFirst("postal.postalCode"));
        String city = blankToNull(in.getFirst("postal.city"));
        String country = blankToNull(in.getFirst("postal.country"));
        String region = blankToNull(in.getFirst("postal.region"));
        if (recipient == null && lines.isEmpty() && postalCode == null && city == null && country == null && region == null) {
            return null;
        }
        return new PreferencesForm.PostalAddress(recipient, lines, postalCode, city, country, region);
    }

    private static Mode mode(String value) {
        for (Mode mode : Mode.values()) {
            if (mode.name().equals(value)) {
                return mode;
            }
        }
        return Mode.INSTANT;
    }

    private static List<String> values(MultiValueMap<String, String> in, String name) {
        List<String> values = in.get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A number the page cannot read becomes 0, which validation refuses by name. */
    private static Integer integer(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static List<String> names(List<Channel> channels) {
        return channels.stream().map(Channel::name).toList();
    }
}
