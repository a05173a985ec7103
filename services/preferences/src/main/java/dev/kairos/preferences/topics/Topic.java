package dev.kairos.preferences.topics;

import dev.kairos.preferences.common.Channel;
import java.time.Instant;
import java.util.List;

/** An entry of the catalogue as stored; {@code purpose} is what consent is given for. */
public record Topic(String id, String name, TopicCategory category, String purpose, boolean urgent,
                    List<Channel> defaultChannels, Instant updatedAt) {

    public Topic {
        defaultChannels = List.copyOf(defaultChannels);
    }
}
