package dev.kairos.preferences.topics.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCategory;
import dev.kairos.preferences.topics.TopicDefined;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueEntriesTest {

    @Test
    void carriesEveryFieldOfTheEntry() {
        Instant updatedAt = Instant.parse("2026-11-23T10:15:30.123Z");
        TopicDefined event = new TopicDefined("event-1", new Topic("password-reset", "Password reset",
                TopicCategory.SERVICE, "account-security", true, List.of(Channel.SMS, Channel.EMAIL), updatedAt));

        var serde = KairosSerdes.topicCatalogueEntry();
        TopicCatalogueEntry entry = serde.decode(serde.encode(CatalogueEntries.toRecord(event)));

        assertThat(entry.getEventId()).isEqualTo("event-1");
        assertThat(entry.getTopicId()).isEqualTo("password-reset");
        assertThat(entry.getName()).isEqualTo("Password reset");
        assertThat(entry.getCategory()).isEqualTo(dev.kairos.proto.common.TopicCategory.SERVICE);
        assertThat(entry.getPurpose()).isEqualTo("account-security");
        assertThat(entry.getUrgent()).isTrue();
        assertThat(entry.getDefaultChannels())
                .containsExactly(dev.kairos.proto.common.Channel.SMS, dev.kairos.proto.common.Channel.EMAIL);
        assertThat(entry.getUpdatedAt()).isEqualTo(updatedAt);
    }
}
