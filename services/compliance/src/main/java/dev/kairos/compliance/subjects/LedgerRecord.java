package dev.kairos.compliance.subjects;

import java.time.Instant;
import java.util.Map;

/**
 * A ledger entry of the customer with the personal data behind its commitments.
 *
 * @param address  {@code null} once erased
 * @param evidence {@code null} once erased
 */
public record LedgerRecord(long sequence, String entryId, String type, String channel, String purpose, String basis,
                           String jurisdiction, String source, Instant occurredAt, Instant recordedAt, Instant expiresAt,
                           String address, Map<String, Object> evidence) {
}
