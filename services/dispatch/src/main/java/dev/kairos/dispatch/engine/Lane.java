package dev.kairos.dispatch.engine;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import java.util.Locale;

/**
 * The two decision lanes (ADR 0036). Requests of SERVICE topics are decided by the priority lane, a Kafka Streams
 * application of its own with its own inbox, stores and send queues, so a campaign waiting in the ordinary lane
 * never delays them; every other request is decided by the ordinary lane.
 */
public enum Lane {
    ORDINARY("requests", ""),
    PRIORITY("priority-requests", "priority-");

    /** The header a lane puts on a request it hands to the other lane: that lane decides it, whatever it finds. */
    static final String HANDED_OVER = "kairos-lane-handed-over";

    private final String inbox;
    private final String queuePrefix;

    Lane(String inbox, String queuePrefix) {
        this.inbox = inbox;
        this.queuePrefix = queuePrefix;
    }

    /** The lane that decides requests of a catalogue topic: SERVICE topics go to the priority lane. */
    public static Lane of(TopicCatalogueEntry topic) {
        return topic.getCategory() == TopicCategory.SERVICE ? PRIORITY : ORDINARY;
    }

    /** The topic key (in the topic table) of the lane's inbox. */
    public String inbox() {
        return inbox;
    }

    /** The topic key of the lane's send queue for a channel, e.g. {@code priority-send-email}. */
    public String sendQueue(Channel channel) {
        return queuePrefix + "send-" + channel.name().toLowerCase(Locale.ROOT);
    }

    Lane other() {
        return this == ORDINARY ? PRIORITY : ORDINARY;
    }

    /** Metric tag value. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
