package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.CandidateZones;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Consent;
import dev.kairos.dispatch.decision.ContactPoint;
import dev.kairos.dispatch.decision.Customer;
import dev.kairos.dispatch.decision.DigestSchedule;
import dev.kairos.dispatch.decision.FrequencyCap;
import dev.kairos.dispatch.decision.QuietHours;
import dev.kairos.dispatch.decision.SendWindow;
import dev.kairos.dispatch.decision.Request;
import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.decision.Submission;
import dev.kairos.dispatch.decision.TopicInfo;
import dev.kairos.dispatch.rendering.FormOfAddress;
import dev.kairos.dispatch.rendering.Template;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.preferences.TopicPreference;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Avro records in, domain values out: generated classes stop here. */
final class Translations {

    private Translations() {
    }

    static Channel channel(dev.kairos.proto.common.Channel channel) {
        return Channel.valueOf(channel.name());
    }

    static dev.kairos.proto.common.Channel channel(Channel channel) {
        return dev.kairos.proto.common.Channel.valueOf(channel.name());
    }

    static List<Channel> channels(List<dev.kairos.proto.common.Channel> channels) {
        return channels.stream().map(Translations::channel).toList();
    }

    static Request request(SendMessage m, AddressHmac hmac) {
        return new Request(m.getRequestId(), m.getCustomerId(), m.getTopic(), channels(m.getChannels()),
                m.getDelivery() == dev.kairos.proto.dispatch.Delivery.ALL, RequestRule.contentChannels(content(m)),
                m.getNotBefore(), m.getExpiresAt(),
                m.getRecipientAddress() == null ? null
                        : new ContactPoint(m.getRecipientAddress(), hmac.of(m.getRecipientAddress())),
                m.getWhenCapped() == dev.kairos.proto.dispatch.WhenCapped.DEFER);
    }

    /** The request as the request rule checks it. */
    static Submission submission(SendMessage m) {
        return new Submission(m.getRequestId(), m.getCustomerId(), m.getTopic(), channels(m.getChannels()), content(m),
                m.getTemplateId(), m.getVariables(), m.getNotBefore(), m.getExpiresAt(), m.getCampaignId(),
                m.getRecipientAddress());
    }

    private static Map<String, Submission.Part> content(SendMessage m) {
        return parts(m.getContent());
    }

    private static Map<String, Submission.Part> parts(Map<String, MessageContent> content) {
        Map<String, Submission.Part> parts = new HashMap<>();
        content.forEach((channel, c) -> parts.put(channel,
                c == null ? null : new Submission.Part(c.getSubject(), c.getText(), c.getHtml())));
        return parts;
    }

    /** One channel's content as the request record carries it. */
    static Map<String, MessageContent> content(Map<String, Submission.Part> parts) {
        Map<String, MessageContent> content = new HashMap<>();
        parts.forEach((channel, p) -> {
            if (p != null) {
                content.put(channel, new MessageContent(p.subject(), p.text(), p.html()));
            }
        });
        return content;
    }

    static Template template(MessageTemplate t) {
        Map<String, Map<String, Submission.Part>> locales = new HashMap<>();
        t.getLocales().forEach((locale, content) -> locales.put(locale, parts(content)));
        return new Template(t.getTemplateId(), t.getDefaultLocale(), List.copyOf(t.getVariables()), locales);
    }

    static TopicInfo topic(TopicCatalogueEntry e) {
        return new TopicInfo(e.getTopicId(), e.getCategory() == TopicCategory.MARKETING, e.getPurpose(), e.getUrgent(),
                channels(e.getDefaultChannels()));
    }

    static Customer customer(ContactPreferences p, AddressHmac hmac) {
        Map<Channel, ContactPoint> points = new EnumMap<>(Channel.class);
        ContactPoints cp = p.getContactPoints();
        if (cp.getEmail() != null) {
            points.put(Channel.EMAIL, new ContactPoint(cp.getEmail(), hmac.of(cp.getEmail())));
        }
        if (cp.getSms() != null) {
            points.put(Channel.SMS, new ContactPoint(cp.getSms(), hmac.of(cp.getSms())));
        }
        if (cp.getPostal() != null) {
            String postal = postalLine(cp.getPostal());
            points.put(Channel.MAIL, new ContactPoint(postal, hmac.of(postal)));
        }
        Map<String, List<Channel>> topics = new HashMap<>();
        for (Map.Entry<String, TopicPreference> e : p.getTopics().entrySet()) {
            if (e.getValue().getChannels() != null) {
                topics.put(e.getKey(), channels(e.getValue().getChannels()));
            }
        }
        Map<String, FrequencyCap> caps = new HashMap<>();
        Map<String, DigestSchedule> digests = new HashMap<>();
        for (Map.Entry<String, TopicPreference> e : p.getTopics().entrySet()) {
            if (e.getValue().getFrequency() != null) {
                caps.put(e.getKey(), cap(e.getValue().getFrequency()));
            }
            digest(e.getValue().getDigest()).ifPresent(d -> digests.put(e.getKey(), d));
        }
        List<QuietHours> quiet = p.getQuietHours().stream()
                .map(q -> new QuietHours(LocalTime.parse(q.getFrom()), LocalTime.parse(q.getTo()),
                        Set.copyOf(channels(q.getChannels()))))
                .toList();
        List<SendWindow> windows = p.getSendWindows().stream()
                .map(w -> new SendWindow(w.getDays().stream().map(DayOfWeek::valueOf).collect(Collectors.toUnmodifiableSet()),
                        LocalTime.parse(w.getFrom()), LocalTime.parse(w.getTo())))
                .toList();
        return new Customer(p.getCustomerId(), p.getLocale(), ZoneId.of(p.getTimeZone()), p.getJurisdiction(), points,
                channels(p.getChannelPriority()), topics, p.getPausedUntil(), quiet, windows,
                CandidateZones.of(cp.getSms(), cp.getPostal() == null ? null : cp.getPostal().getCountry()), caps,
                p.getOverallCap() == null ? null : cap(p.getOverallCap()), digests);
    }

    /** Daily and weekly digests; the contract's MONTH is refused by preferences, and taken as no digest here. */
    private static Optional<DigestSchedule> digest(Digest d) {
        if (d == null || d.getEvery() == Period.MONTH || (d.getEvery() == Period.WEEK && d.getOn() == null)) {
            return Optional.empty();
        }
        return Optional.of(new DigestSchedule(DigestSchedule.Every.valueOf(d.getEvery().name()),
                d.getOn() == null ? null : DayOfWeek.valueOf(d.getOn()), LocalTime.parse(d.getAt())));
    }

    private static FrequencyCap cap(dev.kairos.proto.preferences.FrequencyCap c) {
        return new FrequencyCap(c.getMax(), FrequencyCap.Period.valueOf(c.getPer().name()));
    }

    /** The postal address as one line: what its address hash is computed over. */
    static String postalLine(PostalAddress a) {
        return String.join(", ", a.getRecipient(), String.join(", ", a.getLines()), a.getPostalCode() + " " + a.getCity(),
                a.getCountry());
    }

    static List<Consent> consents(ConsentState state) {
        return state.getConsents().stream().map(Translations::consent).toList();
    }

    private static Consent consent(ChannelConsent c) {
        return new Consent(channel(c.getChannel()), c.getPurpose(), Consent.Status.valueOf(c.getStatus().name()),
                c.getBasis() == null ? null : Consent.Basis.valueOf(c.getBasis().name()), c.getAddressHmac(),
                c.getExpiresAt(), c.getEntryId());
    }

    static FormOfAddress formOfAddress(ContactPreferences p) {
        var f = p.getFormOfAddress();
        return new FormOfAddress(FormOfAddress.Title.valueOf(f.getTitle().name()), f.getGivenName(), f.getFamilyName());
    }
}
