package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each request listed in a digest message the outcomes of that message (sent, delivered, failed,
 * stopped by the senders' last check), so that its status goes from QUEUED_FOR_DIGEST to what became of the
 * digest. Reads the outcomes (keyed by customer id, like the decisions, so the task that sent a digest is the
 * one that reads its outcomes) and writes one outcome per listed request, with an event id derived from the
 * digest's, so a repeat is recognisably the same event. Which requests a digest lists is kept as long as request
 * ids are, then purged.
 */
class DigestOutcomes implements Processor<String, MessageOutcome, String, MessageOutcome> {

    private final Clock clock;
    private final EngineSettings settings;

    private ProcessorContext<String, MessageOutcome> context;
    private KeyValueStore<Bytes, DigestMembers> members;

    DigestOutcomes(Clock clock, EngineSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, MessageOutcome> context) {
        this.context = context;
        this.members = context.getStateStore(StoreNames.DIGEST_MEMBERS);
        context.schedule(settings.requestIdPurgeEvery(), PunctuationType.WALL_CLOCK_TIME, wallClock -> purge());
    }

    @Override
    public void process(Record<String, MessageOutcome> record) {
        MessageOutcome outcome = record.value();
        Optional<Instant> at = outcome == null ? Optional.empty() : DigestKeys.instantOf(outcome.getRequestId());
        DigestMembers listed = at.map(instant -> members.get(ScheduleKeys.of(instant, outcome.getRequestId())))
                .orElse(null);
        if (listed == null) {
            return;
        }
        for (DigestMembers.Member member : listed.members()) {
            context.forward(record.withValue(MessageOutcome.newBuilder(outcome)
                    .setEventId(UUID.nameUUIDFromBytes((outcome.getEventId() + "/" + member.requestId())
                            .getBytes(StandardCharsets.UTF_8)).toString())
                    .setRequestId(member.requestId())
                    .setCampaignId(member.campaignId())
                    .build()));
        }
    }

    /** Keyed by digest instant: whatever is older than the request-id retention is one range. */
    private void purge() {
        Bytes upTo = ScheduleKeys.dueUpTo(clock.instant().minus(settings.requestIdRetention()));
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, DigestMembers> it = members.range(null, upTo)) {
            it.forEachRemaining((KeyValue<Bytes, DigestMembers> entry) -> old.add(entry.key));
        }
        old.forEach(members::delete);
    }
}
