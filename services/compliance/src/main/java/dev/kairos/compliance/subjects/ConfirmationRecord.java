package dev.kairos.compliance.subjects;

import java.time.Instant;

/** A double opt-in confirmation message sent to the customer and whether they confirmed. */
public record ConfirmationRecord(String channel, String purpose, String address, Instant sentAt, Instant expiresAt,
                                 Instant confirmedAt) {
}
