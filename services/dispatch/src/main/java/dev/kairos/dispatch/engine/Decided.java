package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendApproved;
import java.util.List;

/** What one decision writes: outcomes for the outcome topic and approved sends for the send queues. */
record Decided(List<MessageOutcome> outcomes, List<SendApproved> sends) {
}
