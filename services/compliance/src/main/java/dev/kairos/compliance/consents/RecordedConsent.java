package dev.kairos.compliance.consents;

import java.time.Instant;
import java.util.UUID;

/** The ledger entry that recorded a consent event and the status it left. */
public record RecordedConsent(UUID entryId, long sequence, ConsentStatus status, Instant expiresAt, String hash) {
}
