package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a message may go out, on which channel, and why not. A pure function: everything it
 * needs is passed in, including the instant, so the same inputs always give the same decision.
 *
 * <p>Rules, in order: the topic must exist; an expired request expires; a SERVICE message to an explicit
 * recipient address goes there unless suppressed; a paused customer gets no MARKETING; the candidate
 * channels are those the request allows, the customer chose for the topic and the request has content
 * for, in the customer's priority order; a channel is usable when its address is on record, is not
 * suppressed and, for MARKETING, carries the consent the customer's jurisdiction requires.
 */
public final class Decider {

    private Decider() {
    }

    public static Decision decide(Request request, Optional<TopicInfo> topicInfo, Optional<Customer> customer,
                                  List<Consent> consents, Suppressions suppressions, Instant now) {
        if (topicInfo.isEmpty()) {
            return new Decision.Reject(List.of(Reason.INVALID_REQUEST), "unknown topic");
        }
        TopicInfo topic = topicInfo.get();
        if (request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
            return new Decision.Expire();
        }
        if (request.recipientAddress() != null) {
            return toRecipientAddress(request, topic, suppressions);
        }
        if (customer.isEmpty()) {
            return new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null);
        }
        Customer c = customer.get();
        if (topic.marketing() && c.pausedUntil() != null && now.isBefore(c.pausedUntil())) {
            return new Decision.Suppress(List.of(Reason.PAUSED), null);
        }
        List<Channel> chosen = c.channelsFor(topic);
        if (chosen.isEmpty()) {
            return new Decision.Suppress(List.of(Reason.TOPIC_OPTED_OUT), null);
        }
        List<Channel> candidates = candidates(request, c, chosen);
        if (candidates.isEmpty()) {
            return new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null);
        }

        List<Decision.Delivery> usable = new ArrayList<>();
        Set<Reason> passedOver = new LinkedHashSet<>();
        String refusingEntry = null;
        for (Channel channel : candidates) {
            Optional<ContactPoint> point = c.contactPoint(channel);
            if (point.isEmpty()) {
                passedOver.add(Reason.NO_REACHABLE_CHANNEL);
                continue;
            }
            if (suppressions.suppressed(point.get().hmac(), channel)) {
                passedOver.add(Reason.SUPPRESSED);
                continue;
            }
            ConsentCheck check = topic.marketing()
                    ? ConsentCheck.of(c.jurisdiction(), channel, topic.purpose(), point.get().hmac(), consents, now)
                    : ConsentCheck.notNeeded();
            if (!check.allowed()) {
                passedOver.add(check.reason());
                refusingEntry = refusingEntry == null ? check.entryId() : refusingEntry;
                continue;
            }
            usable.add(new Decision.Delivery(channel, point.get().address(), check.entryId()));
            if (!request.all()) {
                break;
            }
        }
        if (usable.isEmpty()) {
            return new Decision.Suppress(List.copyOf(passedOver), refusingEntry);
        }
        return new Decision.Send(List.copyOf(usable), List.copyOf(passedOver));
    }

    private static Decision toRecipientAddress(Request request, TopicInfo topic, Suppressions suppressions) {
        if (topic.marketing()) {
            return new Decision.Reject(List.of(Reason.INVALID_REQUEST),
                    "recipientAddress is only for SERVICE topics");
        }
        Channel channel = request.recipientAddress().contains("@") ? Channel.EMAIL : Channel.SMS;
        return new Decision.Send(List.of(new Decision.Delivery(channel, request.recipientAddress(), null)), List.of());
    }

    /** Request channels ∩ the customer's channels for the topic ∩ channels with content, in priority order. */
    private static List<Channel> candidates(Request request, Customer customer, List<Channel> chosen) {
        List<Channel> ordered = new ArrayList<>(customer.channelPriority());
        for (Channel channel : chosen) {
            if (!ordered.contains(channel)) {
                ordered.add(channel);
            }
        }
        return ordered.stream()
                .filter(chosen::contains)
                .filter(ch -> request.channels().isEmpty() || request.channels().contains(ch))
                .filter(request.contentChannels()::contains)
                .toList();
    }
}
