package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StaleCheckpointsTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("app-schedules-changelog", 0);
    private static final TopicPartition GLOBAL = new TopicPartition("preferences.topics.v1", 2);

    @Test
    void aCheckpointAtOrBeforeTheEndIsKept() {
        assertThat(StaleCheckpoints.stale(Map.of(CHANGELOG, 40L, GLOBAL, 7L), Map.of(CHANGELOG, 40L, GLOBAL, 12L)))
                .isEmpty();
    }

    @Test
    void aCheckpointPastTheEndOrOnAMissingPartitionIsStale() {
        assertThat(StaleCheckpoints.stale(Map.of(CHANGELOG, 41L, GLOBAL, 7L), Map.of(CHANGELOG, 40L)))
                .containsExactly(CHANGELOG, GLOBAL);
    }

    @Test
    void theUnknownOffsetSentinelIsNoEvidence() {
        assertThat(StaleCheckpoints.stale(Map.of(CHANGELOG, -4L), Map.of())).isEmpty();
    }
}
