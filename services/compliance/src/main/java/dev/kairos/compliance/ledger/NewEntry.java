package dev.kairos.compliance.ledger;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;

/**
 * A consent event to append to the ledger.
 *
 * @param address    the normalised address, or {@code null}
 * @param occurredAt when the customer acted; {@code null} means when the ledger records it
 * @param evidence   the proof, or {@code null}
 */
public record NewEntry(String customerId, EntryType type, Channel channel, String purpose, LegalBasis basis,
                       String jurisdiction, String source, Instant occurredAt, Instant expiresAt,
                       String address, Evidence evidence) {
}
