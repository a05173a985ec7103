package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer's choices as dispatch's replica last saw them.
 *
 * @param topicChannels per topic, the channels the customer chose; a topic absent from the map uses the
 *                      catalogue's defaults, an empty list opts the customer out of the topic
 * @param candidateZones every zone the customer may be in besides {@code zone} (their phone number's,
 *                       their postal region's): legal contact hours must hold in each
 * @param topicCaps      per topic, the customer's frequency cap
 * @param overallCap     the customer's cap on all MARKETING, or null
 * @param topicDigests   per topic, the customer's digest: one message per period instead of one per request
 */
public record Customer(String customerId, String locale, ZoneId zone, String jurisdiction,
                       Map<Channel, ContactPoint> contactPoints, List<Channel> channelPriority,
                       Map<String, List<Channel>> topicChannels, Instant pausedUntil,
                       List<QuietHours> quietHours, List<SendWindow> sendWindows, Set<ZoneId> candidateZones,
                       Map<String, FrequencyCap> topicCaps, FrequencyCap overallCap,
                       Map<String, DigestSchedule> topicDigests) {

    public Optional<ContactPoint> contactPoint(Channel channel) {
        return Optional.ofNullable(contactPoints.get(channel));
    }

    public List<Channel> channelsFor(TopicInfo topic) {
        return topicChannels.getOrDefault(topic.id(), topic.defaultChannels());
    }

    /**
     * The customer's digest for the topic, or empty when its messages go one by one. An urgent SERVICE
     * message (a password reset, a fraud alert) is never held for a digest, whatever the customer chose.
     */
    public Optional<DigestSchedule> digestFor(TopicInfo topic) {
        if (!topic.marketing() && topic.urgent()) {
            return Optional.empty();
        }
        return Optional.ofNullable(topicDigests.get(topic.id()));
    }
}
