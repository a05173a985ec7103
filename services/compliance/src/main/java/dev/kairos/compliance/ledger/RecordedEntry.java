package dev.kairos.compliance.ledger;

/**
 * A ledger entry with the personal data its commitments refer to.
 *
 * @param address  the normalised address, {@code null} once erased or when there was none
 * @param evidence the proof, {@code null} once erased
 * @param salt     the salt of the entry's commitments, {@code null} once erased
 */
public record RecordedEntry(LedgerEntry entry, String address, Evidence evidence, byte[] salt) {
}
