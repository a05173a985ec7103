package dev.kairos.preferences.topics.messaging;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicDefined;
import dev.kairos.proto.preferences.TopicCatalogueEntry;

/** Catalogue change → the record other services read. */
final class CatalogueEntries {

    private CatalogueEntries() {
    }

    static TopicCatalogueEntry toRecord(TopicDefined event) {
        Topic topic = event.topic();
        return TopicCatalogueEntry.newBuilder()
                .setEventId(event.eventId())
                .setTopicId(topic.id())
                .setName(topic.name())
                .setCategory(dev.kairos.proto.common.TopicCategory.valueOf(topic.category().name()))
                .setPurpose(topic.purpose())
                .setUrgent(topic.urgent())
                .setDefaultChannels(topic.defaultChannels().stream().map(CatalogueEntries::channel).toList())
                .setUpdatedAt(topic.updatedAt())
                .build();
    }

    private static dev.kairos.proto.common.Channel channel(Channel channel) {
        return dev.kairos.proto.common.Channel.valueOf(channel.name());
    }
}
