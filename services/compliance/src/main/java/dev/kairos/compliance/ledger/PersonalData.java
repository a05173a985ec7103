package dev.kairos.compliance.ledger;

import java.util.UUID;

/**
 * The personal fields of a ledger entry and the salt of their commitments. Kept apart from the chain so
 * that erasing them leaves the chain verifiable.
 */
public record PersonalData(UUID entryId, byte[] salt, String address, Evidence evidence) {
}
