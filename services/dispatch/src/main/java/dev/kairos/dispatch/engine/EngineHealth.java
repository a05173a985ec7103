package dev.kairos.dispatch.engine;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the decision engine: an instance whose engine does not run decides nothing, and its status
 * look-ups answer 503, so it takes no traffic. A rebalance after the engine has run keeps it ready (the
 * other tasks go on, and look-ups answer 503 only for what moves); before the first run it is not.
 */
final class EngineHealth {

    private EngineHealth() {
    }

    /**
     * @param ranSinceStart whether this Kafka Streams client has been RUNNING since it was started
     * @param streamThreads the stream threads alive in it
     */
    static Health of(KafkaStreams.State state, boolean ranSinceStart, int streamThreads) {
        boolean up = streamThreads > 0
                && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING && ranSinceStart);
        return (up ? Health.up() : Health.down())
                .withDetail("state", state.name())
                .withDetail("streamThreads", streamThreads)
                .build();
    }
}
