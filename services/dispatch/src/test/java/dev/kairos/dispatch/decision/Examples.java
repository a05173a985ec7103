package dev.kairos.dispatch.decision;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Test-data builders for the decision. */
final class Examples {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private Examples() {
    }

    static TopicInfo promotions() {
        return new TopicInfo("promotions", true, "promotions", false, List.of(Channel.EMAIL));
    }

    static TopicInfo billing() {
        return new TopicInfo("billing", false, "billing", false, List.of(Channel.EMAIL, Channel.SMS));
    }

    static CustomerBuilder customer() {
        return new CustomerBuilder();
    }

    static RequestBuilder request() {
        return new RequestBuilder();
    }

    static Consent activeConsent(Channel channel, String purpose, String addressHmac) {
        return new Consent(channel, purpose, Consent.Status.ACTIVE, Consent.Basis.OPT_IN, addressHmac, null, "entry-1");
    }

    static final Suppressions NONE_SUPPRESSED = (hmac, channel) -> Optional.empty();

    static final class CustomerBuilder {
        private String jurisdiction = "FR";
        private final Map<Channel, ContactPoint> points = new EnumMap<>(Channel.class);
        private List<Channel> priority = List.of();
        private final Map<String, List<Channel>> topics = new HashMap<>();
        private Instant pausedUntil;
        private ZoneId zone = ZoneId.of("Europe/Paris");
        private final List<QuietHours> quietHours = new ArrayList<>();
        private final List<SendWindow> sendWindows = new ArrayList<>();
        private final Set<ZoneId> candidateZones = new LinkedHashSet<>();
        private final Map<String, FrequencyCap> topicCaps = new HashMap<>();
        private FrequencyCap overallCap;
        private final Map<String, DigestSchedule> digests = new HashMap<>();

        CustomerBuilder() {
            points.put(Channel.EMAIL, new ContactPoint("camille@example.fr", "h-email"));
        }

        CustomerBuilder jurisdiction(String j) { this.jurisdiction = j; return this; }
        CustomerBuilder sms(String number) { points.put(Channel.SMS, new ContactPoint(number, "h-sms")); return this; }
        CustomerBuilder noEmail() { points.remove(Channel.EMAIL); return this; }
        CustomerBuilder priority(Channel... channels) { this.priority = List.of(channels); return this; }
        CustomerBuilder topic(String topic, Channel... channels) { topics.put(topic, List.of(channels)); return this; }
        CustomerBuilder pausedUntil(Instant until) { this.pausedUntil = until; return this; }
        CustomerBuilder zone(String z) { this.zone = ZoneId.of(z); return this; }
        CustomerBuilder alsoIn(String z) { candidateZones.add(ZoneId.of(z)); return this; }
        CustomerBuilder quiet(String from, String to, Channel... channels) {
            quietHours.add(new QuietHours(LocalTime.parse(from), LocalTime.parse(to), Set.of(channels)));
            return this;
        }
        CustomerBuilder window(String from, String to, DayOfWeek... days) {
            sendWindows.add(new SendWindow(Set.of(days), LocalTime.parse(from), LocalTime.parse(to)));
            return this;
        }
        CustomerBuilder topicCap(String topic, int max, FrequencyCap.Period per) {
            topicCaps.put(topic, new FrequencyCap(max, per));
            return this;
        }
        CustomerBuilder overallCap(int max, FrequencyCap.Period per) {
            overallCap = new FrequencyCap(max, per);
            return this;
        }

        CustomerBuilder dailyDigest(String topic, String at) {
            digests.put(topic, new DigestSchedule(DigestSchedule.Every.DAY, null, LocalTime.parse(at)));
            return this;
        }
        CustomerBuilder weeklyDigest(String topic, DayOfWeek on, String at) {
            digests.put(topic, new DigestSchedule(DigestSchedule.Every.WEEK, on, LocalTime.parse(at)));
            return this;
        }

        Customer build() {
            return new Customer("c-42", "fr-FR", zone, jurisdiction, points, priority, topics, pausedUntil,
                    quietHours, sendWindows, candidateZones, topicCaps, overallCap, digests);
        }
    }

    static final class RequestBuilder {
        private String topic = "promotions";
        private final List<Channel> channels = new ArrayList<>();
        private boolean all;
        private Set<Channel> content = EnumSet.allOf(Channel.class);
        private Instant notBefore;
        private Instant expiresAt;
        private String recipientAddress;
        private boolean defer;

        RequestBuilder topic(String t) { this.topic = t; return this; }
        RequestBuilder channels(Channel... c) { channels.addAll(List.of(c)); return this; }
        RequestBuilder all() { this.all = true; return this; }
        RequestBuilder contentFor(Channel... c) { this.content = EnumSet.copyOf(List.of(c)); return this; }
        RequestBuilder expiresAt(Instant at) { this.expiresAt = at; return this; }
        RequestBuilder recipientAddress(String a) { this.recipientAddress = a; return this; }
        RequestBuilder notBefore(Instant at) { this.notBefore = at; return this; }
        RequestBuilder deferWhenCapped() { this.defer = true; return this; }

        Request build() {
            return new Request("r-1", "c-42", topic, channels, all, content, notBefore, expiresAt,
                    recipientAddress == null ? null : new ContactPoint(recipientAddress, "h-recipient"), defer);
        }
    }
}
