package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.Addressee;
import dev.kairos.proto.dispatch.DigestItem;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.Personalisation;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPreferences;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a decision into the records it produces: sends (their content still templates, with what the channel end
 * renders them with) and outcome events.
 */
final class Effects {

    private Effects() {
    }

    /**
     * @param maxSendBytes the largest send (key and value) the producer accepts
     * @throws TooLargeException when a send is larger: it would fail at the producer, after the decision
     */
    static Decided of(Decision decision, SendMessage request, ContactPreferences preferences, boolean marketing,
                      Instant now, int maxSendBytes) {
        return of(decision, request, preferences, marketing, now, maxSendBytes, null);
    }

    /**
     * @param fallback what the send carries for its channel end to write back if the channel fails for good
     *                 ({@link Fallbacks#narrowed}); null for none. Left out when the send would not fit with it.
     */
    static Decided of(Decision decision, SendMessage request, ContactPreferences preferences, boolean marketing,
                      Instant now, int maxSendBytes, SendMessage fallback) {
        if (decision instanceof Decision.Send send) {
            return new Decided(List.of(), send.deliveries().stream()
                    .map(d -> withFallback(approved(d, request, preferences, marketing, now), fallback,
                            maxSendBytes)).toList());
        }
        if (decision instanceof Decision.Schedule s) {
            return new Decided(List.of(outcome(request, now, null, new MessageScheduled(s.at(),
                    s.channel() == null ? null : Translations.channel(s.channel()), codes(s.reasons())))), List.of());
        }
        if (decision instanceof Decision.QueueForDigest q) {
            return new Decided(q.deliveries().stream().map(d -> outcome(request, now, d.consentEntryId(),
                    new MessageQueuedForDigest(DigestKeys.id(DigestKeys.digest(request.getCustomerId(), request.getTopic(),
                            d.channel()), q.at(), 1), q.at(), Translations.channel(d.channel())))).toList(), List.of());
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

    /** The send with its fallback when both fit in a record; else without it (the channel then has no fallback). */
    private static SendApproved withFallback(SendApproved send, SendMessage fallback, int maxSendBytes) {
        if (fallback != null) {
            send.setFallback(fallback);
            try {
                return fitting(send, maxSendBytes);
            } catch (TooLargeException e) {
                send.setFallback(null);
            }
        }
        return fitting(send, maxSendBytes);
    }

    private static SendApproved fitting(SendApproved send, int maxSendBytes) {
        long customerIdBytes = send.getCustomerId().getBytes(StandardCharsets.UTF_8).length;
        if (EncodedSize.atMost(send) + customerIdBytes <= maxSendBytes) {
            return send;
        }
        long size = EngineSerdes.SENDS.encode(send).length + customerIdBytes;
        if (size > maxSendBytes) {
            throw new TooLargeException("the " + send.getChannel() + " send is " + size
                    + " bytes, over the " + maxSendBytes + " a record may have");
        }
        return send;
    }

    /** A send the producer would refuse. */
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

    /** One request's send: its content as templates, with what the channel end renders them with. */
    private static SendApproved approved(Decision.Delivery delivery, SendMessage request, ContactPreferences preferences,
                                         boolean marketing, Instant now) {
        MessageContent content = request.getContent().get(delivery.channel().name());
        return send(request.getRequestId(), request.getCustomerId(), request.getTopic(), delivery, preferences, marketing,
                now)
                .setSubject(content.getSubject())
                .setText(content.getText())
                .setHtml(content.getHtml())
                .setPersonalisation(Personalisation.newBuilder().setVariables(request.getVariables())
                        .setAddressee(addressee(preferences)).build())
                .setCampaignId(request.getCampaignId())
                .setExpiresAt(request.getExpiresAt())
                .build();
    }

    /**
     * One digest message listing {@code items} (each with its own content and variables, to be rendered as it would
     * have been alone), sent as {@code digestId} on the delivery's channel and address.
     *
     * @throws TooLargeException when the digest is larger than a record may be
     */
    static SendApproved digest(String digestId, List<SendMessage> items, Decision.Delivery delivery, String topicName,
                               ContactPreferences preferences, boolean marketing, Instant now, int maxSendBytes) {
        SendMessage first = items.get(0);
        List<DigestItem> listed = items.stream().map(item -> {
            MessageContent content = item.getContent().get(delivery.channel().name());
            return DigestItem.newBuilder().setRequestId(item.getRequestId()).setSubject(content.getSubject())
                    .setText(content.getText()).setHtml(content.getHtml()).setVariables(item.getVariables()).build();
        }).toList();
        return fitting(send(digestId, first.getCustomerId(), first.getTopic(), delivery, preferences, marketing, now)
                .setPersonalisation(Personalisation.newBuilder().setAddressee(addressee(preferences))
                        .setDigestTopicName(topicName).setDigestItems(listed).build())
                .build(), maxSendBytes);
    }

    /** What every send carries, whether one request's message or a digest. */
    private static SendApproved.Builder send(String requestId, String customerId, String topic,
                                             Decision.Delivery delivery, ContactPreferences preferences,
                                             boolean marketing, Instant now) {
        return SendApproved.newBuilder()
                .setRequestId(requestId)
                .setCustomerId(customerId)
                .setTopic(topic)
                .setCategory(marketing ? TopicCategory.MARKETING : TopicCategory.SERVICE)
                .setChannel(Translations.channel(delivery.channel()))
                .setAddress(delivery.address())
                .setPostalAddress(preferences == null || delivery.channel() != dev.kairos.dispatch.decision.Channel.MAIL
                        ? null : preferences.getContactPoints().getPostal())
                .setLocale(locale(preferences))
                .setConsentEntryId(delivery.consentEntryId())
                .setDecidedAt(now)
                .setJurisdiction(preferences == null ? null : preferences.getJurisdiction());
    }

    /** Whom the message greets: the customer's form of address, or no title and no name when unknown. */
    private static Addressee addressee(ContactPreferences preferences) {
        if (preferences == null) {
            return Addressee.newBuilder().build();
        }
        var form = preferences.getFormOfAddress();
        return Addressee.newBuilder().setTitle(form.getTitle().name()).setGivenName(form.getGivenName())
                .setFamilyName(form.getFamilyName()).build();
    }

    private static String locale(ContactPreferences preferences) {
        return preferences == null ? "en" : preferences.getLocale();
    }
}
