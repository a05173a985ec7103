package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The digest rules, apart from queueing (in {@link Decider}): each item is checked again when its digest
 * goes, with the replicas as they are then, and the digest as a whole goes when the moment rules and the
 * caps allow one more message.
 */
public final class Digests {

    private Digests() {
    }

    /** What becomes of one item when its digest is looked at. */
    public sealed interface Check {
    }

    /** It goes in the digest, on this address, relying on this consent entry. */
    public record Keep(Decision.Delivery delivery) implements Check {
    }

    /** It ends without going out (suppressed, expired or rejected), whatever becomes of the digest. */
    public record Drop(Decision decision) implements Check {
    }

    /**
     * The customer changed their choice for the topic (messages one by one again, another channel, another
     * digest time): decide it again as if it had just arrived.
     */
    public record Redecide() implements Check {
    }

    /** Its digest is not due yet and nothing changed: it keeps waiting. */
    public record Wait() implements Check {
    }

    /**
     * Checks one item at {@code now}. An item whose customer left the topic, paused MARKETING, or lost the
     * consent, the address or the right to be reached on the digest's channel is dropped with the reason an
     * ordinary message would get.
     */
    public static Check check(DigestItem item, Optional<TopicInfo> topicInfo, Optional<Customer> customer,
                              List<Consent> consents, Suppressions suppressions, Instant now) {
        Request request = item.request();
        if (topicInfo.isEmpty()) {
            return new Drop(new Decision.Reject(List.of(Reason.INVALID_REQUEST), "unknown topic"));
        }
        TopicInfo topic = topicInfo.get();
        if (request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
            return new Drop(new Decision.Expire());
        }
        if (customer.isEmpty()) {
            return new Drop(new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null));
        }
        Customer c = customer.get();
        List<Channel> chosen = c.channelsFor(topic);
        if (chosen.isEmpty()) {
            return new Drop(new Decision.Suppress(List.of(Reason.TOPIC_OPTED_OUT), null));
        }
        if (!chosen.contains(item.channel()) || !sameDigest(item, c.digestFor(topic), c)) {
            return new Redecide();
        }
        if (topic.marketing() && c.pausedUntil() != null && now.isBefore(c.pausedUntil())) {
            return new Drop(new Decision.Suppress(List.of(Reason.PAUSED), null));
        }
        if (now.isBefore(item.at())) {
            return new Wait();
        }
        ChannelUse use = ChannelUse.of(item.channel(), topic, c, consents, suppressions, now);
        if (!use.usable()) {
            return new Drop(new Decision.Suppress(List.of(use.refusal()), use.refusingEntry()));
        }
        return new Keep(use.delivery());
    }

    /** Whether the customer's digest now is the one the item was queued for: the same instant, computed alike. */
    private static boolean sameDigest(DigestItem item, Optional<DigestSchedule> digest, Customer c) {
        if (digest.isEmpty()) {
            return false;
        }
        Instant notBefore = item.request().notBefore();
        Instant start = notBefore != null && notBefore.isAfter(item.queuedAt()) ? notBefore : item.queuedAt();
        return digest.get().nextAfter(start, c.zone()).equals(item.at());
    }

    /**
     * When a digest on {@code channel} may go, from {@code now}: the moment rules (quiet hours, send windows,
     * legal contact hours) and the caps, against which the digest counts as one message. A capped digest
     * waits: the customer asked for it. Empty when no instant is allowed at all.
     */
    public static Optional<Instant> moment(TopicInfo topic, Customer customer, Channel channel,
                                           List<SentMessage> history, Instant now) {
        List<TimeRule> rules = new ArrayList<>(Moments.rules(topic, customer, List.of(channel)));
        rules.addAll(Frequency.caps(topic, customer, history));
        return Moments.earliest(rules, now, null).map(Moments.Earliest::at);
    }
}
