package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static final Suppressions NONE_SUPPRESSED = (hmac, channel) -> false;

    static final class CustomerBuilder {
        private String jurisdiction = "FR";
        private final Map<Channel, ContactPoint> points = new EnumMap<>(Channel.class);
        private List<Channel> priority = List.of();
        private final Map<String, List<Channel>> topics = new HashMap<>();
        private Instant pausedUntil;

        CustomerBuilder() {
            points.put(Channel.EMAIL, new ContactPoint("camille@example.fr", "h-email"));
        }

        CustomerBuilder jurisdiction(String j) { this.jurisdiction = j; return this; }
        CustomerBuilder sms(String number) { points.put(Channel.SMS, new ContactPoint(number, "h-sms")); return this; }
        CustomerBuilder noEmail() { points.remove(Channel.EMAIL); return this; }
        CustomerBuilder priority(Channel... channels) { this.priority = List.of(channels); return this; }
        CustomerBuilder topic(String topic, Channel... channels) { topics.put(topic, List.of(channels)); return this; }
        CustomerBuilder pausedUntil(Instant until) { this.pausedUntil = until; return this; }

        Customer build() {
            return new Customer("c-42", "fr-FR", ZoneId.of("Europe/Paris"), jurisdiction, points, priority, topics,
                    pausedUntil);
        }
    }

    static final class RequestBuilder {
        private String topic = "promotions";
        private final List<Channel> channels = new ArrayList<>();
        private boolean all;
        private Set<Channel> content = EnumSet.allOf(Channel.class);
        private Instant expiresAt;
        private String recipientAddress;

        RequestBuilder topic(String t) { this.topic = t; return this; }
        RequestBuilder channels(Channel... c) { channels.addAll(List.of(c)); return this; }
        RequestBuilder all() { this.all = true; return this; }
        RequestBuilder contentFor(Channel... c) { this.content = EnumSet.copyOf(List.of(c)); return this; }
        RequestBuilder expiresAt(Instant at) { this.expiresAt = at; return this; }
        RequestBuilder recipientAddress(String a) { this.recipientAddress = a; return this; }

        Request build() {
            return new Request("r-1", "c-42", topic, channels, all, content, null, expiresAt, recipientAddress);
        }
    }
}
