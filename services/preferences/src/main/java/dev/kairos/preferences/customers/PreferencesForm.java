package dev.kairos.preferences.customers;

import dev.kairos.preferences.common.Channel;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The preferences document in its public shape: text where the document has types, so a submitted
 * form can be checked field by field and every problem reported at once. Also the stored shape.
 */
public record PreferencesForm(String locale, String timeZone, String jurisdiction, FormOfAddress formOfAddress,
                              ContactPoints contactPoints, List<String> channelPriority, List<QuietHours> quietHours,
                              List<SendWindow> sendWindows, Map<String, TopicChoice> topics, Cap overallCap,
                              String pausedUntil) {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    public record FormOfAddress(String title, String givenName, String familyName) {
    }

    public record ContactPoints(String email, String sms, PostalAddress postal) {
    }

    public record PostalAddress(String recipient, List<String> lines, String postalCode, String city, String country,
                                String region) {
    }

    public record QuietHours(String from, String to, List<String> channels) {
    }

    public record SendWindow(List<String> days, String from, String to) {
    }

    public record TopicChoice(List<String> channels, Cap frequency, Digest digest) {
    }

    public record Cap(Integer max, String per) {
    }

    public record Digest(String every, String on, String at) {
    }

    /** This form with other contact points and jurisdiction (which may have been derived from the contact points). */
    public PreferencesForm withContactPoints(ContactPoints points, String jurisdiction) {
        return new PreferencesForm(locale, timeZone, jurisdiction, formOfAddress, points, channelPriority, quietHours,
                sendWindows, topics, overallCap, pausedUntil);
    }

    /** The form that describes {@code document}; reading it back gives the same document. */
    public static PreferencesForm of(PreferencesDocument document) {
        PreferencesDocument.ContactPoints points = document.contactPoints();
        PreferencesDocument.PostalAddress postal = points.postal();
        Map<String, TopicChoice> topics = new LinkedHashMap<>();
        document.topics().forEach((id, choice) -> topics.put(id, new TopicChoice(
                choice.channels() == null ? null : names(choice.channels()),
                cap(choice.frequency()),
                choice.digest() == null ? null : new Digest(choice.digest().every().name(),
                        choice.digest().on() == null ? null : choice.digest().on().name(),
                        time(choice.digest().at())))));
        return new PreferencesForm(
                document.locale().toLanguageTag(),
                document.timeZone().getId(),
                document.jurisdiction(),
                new FormOfAddress(document.formOfAddress().title().name(), document.formOfAddress().givenName(),
                        document.formOfAddress().familyName()),
                new ContactPoints(points.email(), points.sms(), postal == null ? null
                        : new PostalAddress(postal.recipient(), postal.lines(), postal.postalCode(), postal.city(),
                                postal.country(), postal.region())),
                names(document.channelPriority()),
                document.quietHours().stream()
                        .map(q -> new QuietHours(time(q.from()), time(q.to()), names(q.channels())))
                        .toList(),
                document.sendWindows().stream()
                        .map(w -> new SendWindow(w.days().stream().map(DayOfWeek::name).toList(), time(w.from()),
                                time(w.to())))
                        .toList(),
                topics,
                cap(document.overallCap()),
                document.pausedUntil() == null ? null : document.pausedUntil().toString());
    }

    private static List<String> names(List<Channel> channels) {
        return channels.stream().map(Channel::name).toList();
    }

    private static String time(LocalTime time) {
        return TIME.format(time);
    }

    private static Cap cap(PreferencesDocument.Cap cap) {
        return cap == null ? null : new Cap(cap.max(), cap.per().name());
    }
}
