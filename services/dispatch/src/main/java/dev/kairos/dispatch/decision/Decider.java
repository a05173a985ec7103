package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a message may go out, on which channel, when, and why not. A pure function: everything
 * it needs is passed in, including the instant, so the same inputs always give the same decision.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>the topic must exist; an expired request expires;</li>
 *   <li>a SERVICE message to an explicit recipient address goes there, on the channel {@link RecipientChannel}
 *       derives and the request has content for, unless that address is suppressed (an erased address still gets
 *       the confirmation of a fresh grant awaiting it: {@link ErasedAddressConfirmation});</li>
 *   <li>a paused customer gets no MARKETING;</li>
 *   <li>channel ({@link #deliveries}): the channels the request allows, the customer chose for the topic and
 *       the request has content for, in the customer's priority order; a channel is usable when its address
 *       is on record, not suppressed and, for MARKETING, carries the consent the jurisdiction requires
 *       ({@link ConsentCheck});</li>
 *   <li>digest ({@link Digests}): a topic the customer takes as a digest is held for the next one (checked
 *       again, as a whole, when it goes);</li>
 *   <li>moment ({@link Moments}): quiet hours, send windows, legal contact hours and {@code notBefore};</li>
 *   <li>frequency ({@link Frequency}): a capped message is dropped, or deferred when the request says so;</li>
 *   <li>a message that cannot go out before its expiry expires.</li>
 * </ol>
 */
public final class Decider {

    private Decider() {
    }

    public static Decision decide(Request request, Optional<TopicInfo> topicInfo, Optional<Customer> customer,
                                  List<Consent> consents, Suppressions suppressions, List<SentMessage> history,
                                  Instant now) {
        if (topicInfo.isEmpty()) {
            return new Decision.Reject(List.of(Reason.INVALID_REQUEST), "unknown topic");
        }
        TopicInfo topic = topicInfo.get();
        if (request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
            return new Decision.Expire();
        }
        if (request.recipient() != null) {
            return toRecipient(request, topic, consents, suppressions, now);
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
        Decision channels = deliveries(request, topic, c, chosen, consents, suppressions, now);
        if (!(channels instanceof Decision.Send send)) {
            return channels;
        }
        Optional<DigestSchedule> digest = c.digestFor(topic);
        if (digest.isPresent()) {
            return forDigest(request, c, send, digest.get(), now);
        }
        return when(request, topic, c, send, history, now);
    }

    /**
     * The digest rule: the message waits for the first digest after it may go ({@code notBefore}), unless it
     * expires first. Moments and caps are the digest's own business when it goes, not each item's.
     */
    private static Decision forDigest(Request request, Customer c, Decision.Send send, DigestSchedule digest,
                                      Instant now) {
        Instant start = request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore() : now;
        Instant at = digest.nextAfter(start, c.zone());
        if (request.expiresAt() != null && !at.isBefore(request.expiresAt())) {
            return new Decision.Expire();
        }
        return new Decision.QueueForDigest(send.deliveries(), at);
    }

    /** The channel rule: a Send on the usable channels, or a Suppress saying why none is usable. */
    private static Decision deliveries(Request request, TopicInfo topic, Customer c, List<Channel> chosen,
                                       List<Consent> consents, Suppressions suppressions, Instant now) {
        List<Channel> candidates = candidates(request, c, chosen);
        if (candidates.isEmpty()) {
            return new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null);
        }
        List<Decision.Delivery> usable = new ArrayList<>();
        Set<Reason> passedOver = new LinkedHashSet<>();
        String refusingEntry = null;
        for (Channel channel : candidates) {
            ChannelUse use = ChannelUse.of(channel, topic, c, consents, suppressions, now);
            if (!use.usable()) {
                passedOver.add(use.refusal());
                refusingEntry = refusingEntry == null ? use.refusingEntry() : refusingEntry;
                continue;
            }
            usable.add(use.delivery());
            if (!request.all()) {
                break;
            }
        }
        if (usable.isEmpty()) {
            return new Decision.Suppress(List.copyOf(passedOver), refusingEntry);
        }
        return new Decision.Send(List.copyOf(usable), List.copyOf(passedOver));
    }

    /**
     * The moment and frequency rules, for the channels already chosen: send now, schedule at the earliest
     * allowed instant, drop when capped, or expire when nothing is allowed before the expiry.
     */
    private static Decision when(Request request, TopicInfo topic, Customer c, Decision.Send send,
                                 List<SentMessage> history, Instant now) {
        List<Channel> channels = send.deliveries().stream().map(Decision.Delivery::channel).toList();
        List<TimeRule> rules = new ArrayList<>(Moments.rules(topic, c, channels));
        List<TimeRule> caps = Frequency.caps(topic, c, history);
        if (request.deferWhenCapped()) {
            rules.addAll(caps);
        }
        Instant start = request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore() : now;
        Optional<Moments.Earliest> earliest = Moments.earliest(rules, start, request.expiresAt());
        if (earliest.isEmpty()) {
            return new Decision.Expire();
        }
        Instant at = earliest.get().at();
        if (!request.deferWhenCapped() && caps.stream().anyMatch(cap -> cap.nextAllowed(at).isAfter(at))) {
            return new Decision.Suppress(List.of(Reason.FREQUENCY_CAP), null);
        }
        if (at.equals(now)) {
            return send;
        }
        return new Decision.Schedule(at, earliest.get().reasons(), request.all() ? null : channels.get(0));
    }

    private static Decision toRecipient(Request request, TopicInfo topic, List<Consent> consents,
                                        Suppressions suppressions, Instant now) {
        if (topic.marketing()) {
            return new Decision.Reject(List.of(Reason.INVALID_REQUEST),
                    "recipientAddress is only for SERVICE topics");
        }
        ContactPoint recipient = request.recipient();
        Optional<Channel> derived = RecipientChannel.of(recipient.address(), request.channels())
                .filter(request.contentChannels()::contains);
        if (derived.isEmpty()) {
            return new Decision.Reject(List.of(Reason.INVALID_REQUEST),
                    "recipientAddress: no allowed channel with content for this address");
        }
        Channel channel = derived.get();
        String pendingGrant = null;
        Optional<SuppressionReason> suppression = suppressions.reason(recipient.hmac(), channel);
        if (suppression.isPresent()) {
            Optional<Consent> grant = topic.confirmsConsent()
                    ? ErasedAddressConfirmation.pendingGrant(suppression.get(), channel, recipient.hmac(), consents)
                    : Optional.empty();
            if (grant.isEmpty()) {
                return new Decision.Suppress(List.of(Reason.SUPPRESSED), null);
            }
            pendingGrant = grant.get().entryId();
        }
        if (request.notBefore() != null && request.notBefore().isAfter(now)) {
            return new Decision.Schedule(request.notBefore(), List.of(), channel);
        }
        return new Decision.Send(List.of(new Decision.Delivery(channel, recipient.address(), pendingGrant)), List.of());
    }

    /**
     * The channels a FIRST_AVAILABLE request may be tried on, in the order it is tried: request channels ∩ the
     * customer's channels for the topic ∩ channels with content, in the customer's priority order. Empty for a
     * request to every channel ({@code ALL}), to an explicit recipient address, or of an unknown topic or customer:
     * those have nothing to fall back to (ADR 0048). Whether a channel is usable (address, consent, suppression) is
     * the decision's business, each time it decides.
     */
    public static List<Channel> candidates(Request request, Optional<TopicInfo> topic, Optional<Customer> customer) {
        if (request.all() || request.recipient() != null || topic.isEmpty() || customer.isEmpty()) {
            return List.of();
        }
        return candidates(request, customer.get(), customer.get().channelsFor(topic.get()));
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
