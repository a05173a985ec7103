package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's status is forgotten once its final outcome is older than the retention, measured with the
 * service clock; a recent one stays, and so does one still waiting for its outcome.
 */
class StatusRetentionTopologyTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(90);
    private final SchedulingTopologyTest.MovingClock clock = new SchedulingTopologyTest.MovingClock();
    private TopologyTestDriver driver;
    private TestInputTopic<String, MessageOutcome> outcomes;

    @BeforeEach
    void topology() throws Exception {
        EngineSettings tunables = new EngineSettings(Duration.ofMillis(250), 100, Duration.ofDays(30),
                Duration.ofHours(1), 1_000_000, RETENTION, Duration.ofHours(1), "consent-confirmation");
        driver = new TopologyTestDriver(DecisionTopology.build(TestTopologies.topics(), new AddressHmac("test-key"),
                clock, new DecisionMetrics(new SimpleMeterRegistry(), Lane.ORDINARY), tunables, Lane.ORDINARY),
                TestTopologies.settings("status-retention-test"), START);
        outcomes = driver.createInputTopic("outcomes", Serdes.String().serializer(),
                KairosSerdes.messageOutcome().serializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void anOldFinalStatusIsForgottenAndARecentOneStays() {
        outcomes.pipeInput("c-1", rejected("r-old", START));
        advance(Duration.ofDays(10));
        outcomes.pipeInput("c-2", rejected("r-recent", clock.now));
        assertThat(status("r-old")).isNotNull();

        advance(RETENTION.minusDays(10).plusHours(2));

        assertThat(status("r-old")).as("final outcome 90 days and 2 hours ago").isNull();
        assertThat(status("r-recent")).as("final outcome 80 days ago").isNotNull();
        assertThat(status("r-recent").getStatus()).isEqualTo("REJECTED");
    }

    @Test
    void aStatusIsKeptUntilItsRetentionHasRunFromTheFinalOutcome() {
        outcomes.pipeInput("c-1", rejected("r-1", START));

        advance(RETENTION.minusHours(2));

        assertThat(status("r-1")).isNotNull();
    }

    private MessageStatus status(String requestId) {
        KeyValueStore<String, ValueAndTimestamp<MessageStatus>> store =
                driver.getTimestampedKeyValueStore(StoreNames.MESSAGE_STATUS);
        ValueAndTimestamp<MessageStatus> value = store.get(requestId);
        return value == null ? null : value.value();
    }

    private void advance(Duration by) {
        clock.now = clock.now.plus(by);
        driver.advanceWallClockTime(by);
    }

    private static MessageOutcome rejected(String requestId, Instant at) {
        return MessageOutcome.newBuilder().setEventId(UUID.randomUUID().toString()).setRequestId(requestId)
                .setCustomerId("c-1").setTopic("promotions").setOccurredAt(at)
                .setOutcome(new MessageRejected(List.of("UNKNOWN_TOPIC"), null)).build();
    }
}
