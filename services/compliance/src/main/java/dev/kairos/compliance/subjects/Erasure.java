package dev.kairos.compliance.subjects;

import java.time.Instant;

/**
 * What an erasure did.
 *
 * @param addressesSuppressed how many addresses stay as keyed hashes on the do-not-contact list
 * @param proofsRetained      how many US consent entries keep their proof, access-restricted, for 5 years
 */
public record Erasure(String customerId, Instant erasedAt, int addressesSuppressed, int proofsRetained) {
}
