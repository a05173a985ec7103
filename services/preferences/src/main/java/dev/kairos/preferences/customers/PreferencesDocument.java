package dev.kairos.preferences.customers;

import dev.kairos.preferences.common.Channel;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A customer's preferences once validated and normalised. Times are local to {@code timeZone}; a range
 * whose end is before its start wraps midnight.
 *
 * @param jurisdiction ISO 3166 code (a US state as US-FL), null when neither given nor derivable
 * @param topics       by topic id, in the order the customer gave them; topics absent use the catalogue's defaults
 * @param overallCap   null when MARKETING messages are not capped across topics
 * @param pausedUntil  null when not paused
 */
public record PreferencesDocument(Locale locale, ZoneId timeZone, String jurisdiction, FormOfAddress formOfAddress,
                                  ContactPoints contactPoints, List<Channel> channelPriority,
                                  List<QuietHours> quietHours, List<SendWindow> sendWindows,
                                  Map<String, TopicChoice> topics, Cap overallCap, Instant pausedUntil) {

    public PreferencesDocument {
        channelPriority = List.copyOf(channelPriority);
        quietHours = List.copyOf(quietHours);
        sendWindows = List.copyOf(sendWindows);
        topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    }

    /** NONE is a first-class choice: nobody is forced into a gendered or marital form of address. */
    public enum Title { NONE, MS, MRS, MR, MX, DR }

    public enum Period { DAY, WEEK, MONTH }

    public record FormOfAddress(Title title, String givenName, String familyName) {
    }

    /** Each may be null: the customer cannot be reached that way. */
    public record ContactPoints(String email, String sms, PostalAddress postal) {
    }

    /** {@code country} is ISO 3166-1 alpha-2; {@code region} an ISO 3166-2 subdivision, or null. */
    public record PostalAddress(String recipient, List<String> lines, String postalCode, String city,
                                String country, String region) {

        public PostalAddress {
            lines = List.copyOf(lines);
        }
    }

    /** No message on {@code channels} (every channel when empty) between {@code from} and {@code to}. */
    public record QuietHours(LocalTime from, LocalTime to, List<Channel> channels) {

        public QuietHours {
            channels = List.copyOf(channels);
        }
    }

    /** Messages only on {@code days} (every day when empty) between {@code from} and {@code to}. */
    public record SendWindow(List<DayOfWeek> days, LocalTime from, LocalTime to) {

        public SendWindow {
            days = List.copyOf(days);
        }
    }

    /**
     * @param channels null: the catalogue's default channels; empty: the customer opted out of the topic
     */
    public record TopicChoice(List<Channel> channels, Cap frequency, Digest digest) {

        public TopicChoice {
            channels = channels == null ? null : List.copyOf(channels);
        }
    }

    /** At most {@code max} messages per rolling {@code per}. */
    public record Cap(int max, Period per) {
    }

    /** One message per {@code every} at {@code at}, on {@code on} for weekly digests (null for daily ones). */
    public record Digest(Period every, DayOfWeek on, LocalTime at) {
    }
}
