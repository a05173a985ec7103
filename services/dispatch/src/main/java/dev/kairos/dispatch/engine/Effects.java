package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.rendering.FormOfAddress;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.dispatch.rendering.Placeholders;
import dev.kairos.dispatch.rendering.Salutations;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns a decision into the records it produces: personalised sends and outcome events. */
final class Effects {

    private Effects() {
    }

    /**
     * @param maxSendBytes the largest send (key and value) the producer accepts
     * @throws TooLargeException when a rendered send is larger: it would fail at the producer, after the decision
     * @throws dev.kairos.dispatch.rendering.Placeholders.InvalidTemplateException when a part does not compile
     */
    static Decided of(Decision decision, SendMessage request, ContactPreferences preferences, boolean marketing,
                      MessageLinks links, Instant now, int maxSendBytes) {
        if (decision instanceof Decision.Send send) {
            return new Decided(List.of(), send.deliveries().stream()
                    .map(d -> fitting(approved(d, request, preferences, marketing, links, now), maxSendBytes)).toList());
        }
        if (decision instanceof Decision.Schedule s) {
            return new Decided(List.of(outcome(request, now, null, new MessageScheduled(s.at(),
                    s.channel() == null ? null : Translations.channel(s.channel()), codes(s.reasons())))), List.of());
        }
        if (decision instanceof Decision.Suppress s) {
            return new Decided(List.of(outcome(request, now, s.consentEntryId(),
                    new MessageSuppressed(codes(s.reasons()), null))), List.of());
        }
        if (decision instanceof Decision.Reject r) {
            return rejected(request, now, r.reasons(), r.detail());
        }
        return new Decided(List.of(outcome(request, now, null,
                new MessageExpired(List.of(Reason.EXPIRED.name())))), List.of());
    }

    /** A rejection: the request ends with these reasons and a detail naming the cause. */
    static Decided rejected(SendMessage request, Instant now, List<Reason> reasons, String detail) {
        return new Decided(List.of(outcome(request, now, null, new MessageRejected(codes(reasons), detail))), List.of());
    }

    private static SendApproved fitting(SendApproved send, int maxSendBytes) {
        int size = KairosSerdes.sendApproved().encode(send).length
                + send.getCustomerId().getBytes(StandardCharsets.UTF_8).length;
        if (size > maxSendBytes) {
            throw new TooLargeException("the rendered " + send.getChannel() + " send is " + size
                    + " bytes, over the " + maxSendBytes + " a record may have");
        }
        return send;
    }

    /** A rendered send the producer would refuse. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message);
        }
    }

    static MessageOutcome outcome(SendMessage request, Instant now, String consentEntryId, Object event) {
        return MessageOutcome.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setCustomerId(request.getCustomerId())
                .setTopic(request.getTopic())
                .setCampaignId(request.getCampaignId())
                .setOccurredAt(now)
                .setConsentEntryId(consentEntryId)
                .setOutcome(event)
                .build();
    }

    private static List<String> codes(List<Reason> reasons) {
        return reasons.stream().map(Reason::name).toList();
    }

    private static SendApproved approved(Decision.Delivery delivery, SendMessage request, ContactPreferences preferences,
                                         boolean marketing, MessageLinks links, Instant now) {
        MessageContent content = request.getContent().get(delivery.channel().name());
        String locale = preferences == null ? "en" : preferences.getLocale();
        Map<String, String> values = new HashMap<>(request.getVariables());
        values.putAll(links.placeholders(request.getCustomerId(), request.getTopic(), delivery.channel(), now));
        if (preferences != null) {
            FormOfAddress form = Translations.formOfAddress(preferences);
            values.put("salutation", Salutations.of(form, locale));
            values.put("givenName", form.givenName() == null ? "" : form.givenName());
            values.put("familyName", form.familyName() == null ? "" : form.familyName());
        } else {
            values.put("salutation", Salutations.of(new FormOfAddress(FormOfAddress.Title.NONE, null, null), locale));
        }
        return SendApproved.newBuilder()
                .setRequestId(request.getRequestId())
                .setCustomerId(request.getCustomerId())
                .setTopic(request.getTopic())
                .setCategory(marketing ? TopicCategory.MARKETING : TopicCategory.SERVICE)
                .setChannel(Translations.channel(delivery.channel()))
                .setAddress(delivery.address())
                .setPostalAddress(preferences == null || delivery.channel() != dev.kairos.dispatch.decision.Channel.MAIL
                        ? null : preferences.getContactPoints().getPostal())
                .setLocale(locale)
                .setSubject(Placeholders.fill(content.getSubject(), values, false))
                .setText(Placeholders.fill(content.getText(), values, false))
                .setHtml(Placeholders.fill(content.getHtml(), values, true))
                .setUnsubscribeUrl(marketing
                        ? links.unsubscribeUrl(request.getCustomerId(), request.getTopic(), delivery.channel(), now) : null)
                .setCampaignId(request.getCampaignId())
                .setConsentEntryId(delivery.consentEntryId())
                .setDecidedAt(now)
                .setExpiresAt(request.getExpiresAt())
                .setJurisdiction(preferences == null ? null : preferences.getJurisdiction())
                .build();
    }
}
