package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.List;

/**
 * Whether one channel may carry a topic to the customer now: an address on record, not suppressed and, for
 * MARKETING, the consent the jurisdiction requires.
 *
 * @param delivery      the channel, address and consent entry to use; null when the channel may not be used
 * @param refusal       why it may not; null when it may
 * @param refusingEntry the consent-ledger entry that refused it, if any
 */
record ChannelUse(Decision.Delivery delivery, Reason refusal, String refusingEntry) {

    static ChannelUse of(Channel channel, TopicInfo topic, Customer customer, List<Consent> consents,
                         Suppressions suppressions, Instant now) {
        ContactPoint point = customer.contactPoint(channel).orElse(null);
        if (point == null) {
            return new ChannelUse(null, Reason.NO_REACHABLE_CHANNEL, null);
        }
        if (suppressions.suppressed(point.hmac(), channel)) {
            return new ChannelUse(null, Reason.SUPPRESSED, null);
        }
        ConsentCheck check = topic.marketing()
                ? ConsentCheck.of(customer.jurisdiction(), channel, topic.purpose(), point.hmac(), consents, now)
                : ConsentCheck.notNeeded();
        if (!check.allowed()) {
            return new ChannelUse(null, check.reason(), check.entryId());
        }
        return new ChannelUse(new Decision.Delivery(channel, point.address(), check.entryId()), null, null);
    }

    boolean usable() {
        return delivery != null;
    }
}
