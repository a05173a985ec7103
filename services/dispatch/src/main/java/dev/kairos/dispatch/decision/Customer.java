package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's choices as dispatch's replica last saw them.
 *
 * @param topicChannels per topic, the channels the customer chose; a topic absent from the map uses the
 *                      catalogue's defaults, an empty list opts the customer out of the topic
 */
public record Customer(String customerId, String locale, ZoneId zone, String jurisdiction,
                       Map<Channel, ContactPoint> contactPoints, List<Channel> channelPriority,
                       Map<String, List<Channel>> topicChannels, Instant pausedUntil) {

    public Optional<ContactPoint> contactPoint(Channel channel) {
        return Optional.ofNullable(contactPoints.get(channel));
    }

    public List<Channel> channelsFor(TopicInfo topic) {
        return topicChannels.getOrDefault(topic.id(), topic.defaultChannels());
    }
}
