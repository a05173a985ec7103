package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class EngineHealthTest {

    @Test
    void readyOnlyWhileTheEngineRuns() {
        assertThat(EngineHealth.of(State.RUNNING, true, 1).getStatus()).isEqualTo(Status.UP);
        for (State notRunning : new State[] {State.CREATED, State.ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING,
                State.PENDING_ERROR}) {
            assertThat(EngineHealth.of(notRunning, true, 1).getStatus()).as(notRunning.name()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void aRebalanceCountsAsReadyOnlyOnceTheEngineHasRun() {
        assertThat(EngineHealth.of(State.REBALANCING, false, 1).getStatus()).isEqualTo(Status.DOWN);
        assertThat(EngineHealth.of(State.REBALANCING, true, 1).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void withoutAStreamThreadNothingIsDecided() {
        Health health = EngineHealth.of(State.RUNNING, true, 0);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("streamThreads", 0);
    }
}
