package dev.kairos.preferences.pages.web;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.pages.web.PageRenderer.Texts;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCategory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The preference centre's page model: every control with its label, value and id. */
final class CentreView {

    static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    private static final List<String> PERIODS = List.of("DAY", "WEEK", "MONTH");
    private static final List<String> TITLES = List.of("NONE", "MS", "MRS", "MR", "MX", "DR");

    private final PageRenderer renderer;

    CentreView(PageRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * @param status null, "saved", "saved-pending" (saved, and a new contact point awaits confirmation) or "stale"
     */
    String render(Locale language, String token, long version, PreferencesForm form, List<Topic> topics, ZoneId zone,
            ConsentBoxes consents, List<FieldProblem> problems, String status) {
        Texts t = PageRenderer.texts(language);
        Map<String, Object> m = new HashMap<>();
        m.put("title", t.get("centre_title"));
        m.put("token", token);
        m.put("version", version);
        m.put("saved", status != null && status.startsWith("saved"));
        m.put("contactPending", "saved-pending".equals(status));
        m.put("stale", "stale".equals(status));
        m.put("errors", ProblemMessages.in(language, problems));
        m.put("hasErrors", !problems.isEmpty());
        // The customer's own tag stays the value of its language (fr-CA stays fr-CA, not fr).
        List<Map<String, Object>> locales = new ArrayList<>();
        for (String code : List.of("en", "fr")) {
            String value = form.locale() != null && PageRenderer.language(form.locale()).getLanguage().equals(code)
                    ? form.locale() : code;
            locales.add(Map.of("value", value, "label", t.get("language_" + code),
                    "selected", code.equals(language.getLanguage())));
        }
        m.put("localeOptions", locales);
        m.put("timeZone", form.timeZone());
        PreferencesForm.FormOfAddress address = form.formOfAddress();
        m.put("titleOptions", options(TITLES, address == null ? "NONE" : address.title(), v -> t.get("title_" + v)));
        m.put("givenName", address == null ? null : address.givenName());
        m.put("familyName", address == null ? null : address.familyName());
        PreferencesForm.ContactPoints points = form.contactPoints();
        m.put("email", points == null ? null : points.email());
        m.put("sms", points == null ? null : points.sms());
        PreferencesForm.PostalAddress postal = points == null ? null : points.postal();
        if (postal != null) {
            m.put("recipient", postal.recipient());
            List<String> lines = postal.lines() == null ? List.of() : postal.lines();
            m.put("line1", lines.isEmpty() ? null : lines.get(0));
            m.put("line2", lines.size() < 2 ? null : String.join(", ", lines.subList(1, lines.size())));
            m.put("postalCode", postal.postalCode());
            m.put("city", postal.city());
            m.put("country", postal.country());
            m.put("region", postal.region());
        }
        List<Map<String, Object>> topicRows = new ArrayList<>();
        for (Topic topic : topics) {
            topicRows.add(topic(t, topic, form.topics() == null ? null : form.topics().get(topic.id()), consents));
        }
        m.put("topics", topicRows);
        List<Map<String, Object>> quiet = new ArrayList<>();
        List<PreferencesForm.QuietHours> quietHours = form.quietHours() == null ? List.of() : form.quietHours();
        for (int i = 0; i < quietHours.size() + CentreForm.EXTRA_ROWS; i++) {
            PreferencesForm.QuietHours q = i < quietHours.size() ? quietHours.get(i) : null;
            Map<String, Object> row = new HashMap<>();
            row.put("index", i);
            row.put("number", i + 1);
            row.put("from", q == null ? null : q.from());
            row.put("to", q == null ? null : q.to());
            row.put("channels", checks("quiet-" + i, names(), q == null || q.channels() == null ? List.of() : q.channels(),
                    v -> t.get("channel_" + v)));
            quiet.add(row);
        }
        m.put("quietHours", quiet);
        List<Map<String, Object>> windows = new ArrayList<>();
        List<PreferencesForm.SendWindow> sendWindows = form.sendWindows() == null ? List.of() : form.sendWindows();
        for (int i = 0; i < sendWindows.size() + CentreForm.EXTRA_ROWS; i++) {
            PreferencesForm.SendWindow w = i < sendWindows.size() ? sendWindows.get(i) : null;
            Map<String, Object> row = new HashMap<>();
            row.put("index", i);
            row.put("number", i + 1);
            row.put("from", w == null ? null : w.from());
            row.put("to", w == null ? null : w.to());
            row.put("days", checks("window-" + i, DAYS, w == null || w.days() == null ? List.of() : w.days(),
                    v -> t.get("day_" + v)));
            windows.add(row);
        }
        m.put("sendWindows", windows);
        PreferencesForm.Cap overall = form.overallCap();
        m.put("overallMax", overall == null ? null : overall.max());
        m.put("overallPerOptions", options(PERIODS, overall == null ? "WEEK" : overall.per(), v -> t.get("per_" + v)));
        m.put("pausedUntil", pausedUntilDate(form.pausedUntil(), zone));
        return renderer.render("centre", language, m);
    }

    private static Map<String, Object> topic(Texts t, Topic topic, PreferencesForm.TopicChoice choice,
            ConsentBoxes consents) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", topic.id());
        row.put("name", topic.name());
        boolean marketing = topic.category() == TopicCategory.MARKETING;
        row.put("marketing", marketing);
        // A marketing box is the consent itself: ticked only for a consent the ledger has in force.
        List<String> effective = marketing ? List.copyOf(consents.ticked(topic.id())) : effectiveChannels(topic, choice);
        row.put("consented", marketing ? List.copyOf(consents.shown(topic.id())) : List.of());
        List<Map<String, Object>> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            Map<String, Object> box = new HashMap<>();
            box.put("value", channel.name());
            box.put("boxId", "topic-" + topic.id() + "-" + channel.name());
            box.put("checked", effective.contains(channel.name()));
            // For MARKETING topics the label is the consent notice itself, kept word for word as evidence.
            box.put("label", marketing ? notice(t, topic, channel) : t.get("channel_" + channel.name()));
            channels.add(box);
        }
        row.put("channels", channels);
        CentreForm.Mode mode = CentreForm.modeOf(choice);
        row.put("modeOptions", options(List.of("INSTANT", "CAP", "DIGEST_DAY", "DIGEST_WEEK"), mode.name(),
                v -> t.get("mode_" + v)));
        PreferencesForm.Cap cap = choice == null ? null : choice.frequency();
        row.put("capMax", cap == null ? null : cap.max());
        row.put("capPerOptions", options(PERIODS, cap == null ? "WEEK" : cap.per(), v -> t.get("per_" + v)));
        PreferencesForm.Digest digest = choice == null ? null : choice.digest();
        row.put("digestOnOptions", options(DAYS, digest == null || digest.on() == null ? "SATURDAY" : digest.on(),
                v -> t.get("day_" + v)));
        row.put("digestAt", digest == null || digest.at() == null ? "09:00" : digest.at());
        return row;
    }

    /** The channels a topic of service may use: the customer's own choice, else the catalogue's defaults. */
    static List<String> effectiveChannels(Topic topic, PreferencesForm.TopicChoice choice) {
        return choice == null || choice.channels() == null ? CentreForm.names(topic.defaultChannels()) : choice.channels();
    }

    static String notice(Texts t, Topic topic, Channel channel) {
        return t.format("notice_consent", topic.name(), t.get("channel_" + channel.name()));
    }

    static List<Map<String, Object>> options(List<String> values, String selected, Function<String, String> label) {
        List<Map<String, Object>> options = new ArrayList<>();
        for (String value : values) {
            options.add(Map.of("value", value, "label", label.apply(value), "selected", value.equals(selected)));
        }
        return options;
    }

    private static List<Map<String, Object>> checks(String idPrefix, List<String> values, List<String> checked,
            Function<String, String> label) {
        List<Map<String, Object>> boxes = new ArrayList<>();
        for (String value : values) {
            boxes.add(Map.of("value", value, "boxId", idPrefix + "-" + value, "label", label.apply(value),
                    "checked", checked.contains(value)));
        }
        return boxes;
    }

    private static List<String> names() {
        return CentreForm.names(List.of(Channel.values()));
    }

    /** The page shows the day the pause ends, in the customer's zone. */
    private static String pausedUntilDate(String pausedUntil, ZoneId zone) {
        if (pausedUntil == null) {
            return null;
        }
        try {
            return Instant.parse(pausedUntil).atZone(zone).toLocalDate().toString();
        } catch (RuntimeException e) {
            try {
                return OffsetDateTime.parse(pausedUntil).atZoneSameInstant(zone).toLocalDate().toString();
            } catch (RuntimeException again) {
                return pausedUntil;
            }
        }
    }
}
