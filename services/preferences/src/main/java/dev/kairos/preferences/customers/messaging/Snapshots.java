package dev.kairos.preferences.customers.messaging;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.PreferencesChanged;
import dev.kairos.preferences.customers.PreferencesDocument;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.FrequencyCap;
import dev.kairos.proto.preferences.QuietHours;
import dev.kairos.proto.preferences.SendWindow;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicPreference;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A new version of a customer's preferences → the {@code ContactPreferences} snapshot other services replicate. */
final class Snapshots {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private Snapshots() {
    }

    static ContactPreferences toRecord(PreferencesChanged event) {
        CustomerPreferences preferences = event.preferences();
        PreferencesDocument document = preferences.document();
        Map<String, TopicPreference> topics = new LinkedHashMap<>();
        document.topics().forEach((topicId, choice) -> topics.put(topicId, TopicPreference.newBuilder()
                .setChannels(choice.channels() == null ? null : channels(choice.channels()))
                .setFrequency(cap(choice.frequency()))
                .setDigest(choice.digest() == null ? null : Digest.newBuilder()
                        .setEvery(Period.valueOf(choice.digest().every().name()))
                        .setOn(choice.digest().on() == null ? null : choice.digest().on().name())
                        .setAt(time(choice.digest().at()))
                        .build())
                .build()));
        return ContactPreferences.newBuilder()
                .setEventId(event.eventId())
                .setCustomerId(preferences.customerId())
                .setVersion(preferences.version())
                .setUpdatedAt(preferences.updatedAt())
                .setLocale(document.locale().toLanguageTag())
                .setTimeZone(document.timeZone().getId())
                .setJurisdiction(document.jurisdiction())
                .setFormOfAddress(FormOfAddress.newBuilder()
                        .setTitle(Title.valueOf(document.formOfAddress().title().name()))
                        .setGivenName(document.formOfAddress().givenName())
                        .setFamilyName(document.formOfAddress().familyName())
                        .build())
                .setContactPoints(contactPoints(document.contactPoints()))
                .setChannelPriority(channels(document.channelPriority()))
                .setQuietHours(document.quietHours().stream()
                        .map(q -> QuietHours.newBuilder().setFrom(time(q.from())).setTo(time(q.to()))
                                .setChannels(channels(q.channels())).build())
                        .toList())
                .setSendWindows(document.sendWindows().stream()
                        .map(w -> SendWindow.newBuilder().setDays(w.days().stream().map(DayOfWeek::name).toList())
                                .setFrom(time(w.from())).setTo(time(w.to())).build())
                        .toList())
                .setTopics(topics)
                .setOverallCap(cap(document.overallCap()))
                .setPausedUntil(document.pausedUntil())
                .build();
    }

    private static ContactPoints contactPoints(PreferencesDocument.ContactPoints points) {
        PreferencesDocument.PostalAddress postal = points.postal();
        return ContactPoints.newBuilder()
                .setEmail(points.email())
                .setSms(points.sms())
                .setPostal(postal == null ? null : PostalAddress.newBuilder()
                        .setRecipient(postal.recipient())
                        .setLines(postal.lines())
                        .setPostalCode(postal.postalCode())
                        .setCity(postal.city())
                        .setCountry(postal.country())
                        .setRegion(postal.region())
                        .build())
                .build();
    }

    private static List<dev.kairos.proto.common.Channel> channels(List<Channel> channels) {
        return channels.stream().map(c -> dev.kairos.proto.common.Channel.valueOf(c.name())).toList();
    }

    private static FrequencyCap cap(PreferencesDocument.Cap cap) {
        return cap == null ? null : FrequencyCap.newBuilder().setMax(cap.max()).setPer(Period.valueOf(cap.per().name())).build();
    }

    private static String time(LocalTime time) {
        return TIME.format(time);
    }
}
