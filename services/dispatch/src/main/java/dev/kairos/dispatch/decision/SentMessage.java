package dev.kairos.dispatch.decision;

import java.time.Instant;

/** One message that went out to the customer: what the frequency caps count. */
public record SentMessage(Instant at, String topic, boolean marketing) {
}
