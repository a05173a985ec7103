package dev.kairos.preferences.consents;

import dev.kairos.preferences.common.Channel;
import java.time.Instant;

/**
 * A grant, confirmation or withdrawal by the customer. Compliance decides what it means for the ledger.
 *
 * @param address    the contact point the consent is about, null when this service does not know it
 * @param tokenNonce the single-use nonce of a confirmation link, null otherwise
 */
public record ConsentSubmission(String eventId, String customerId, ConsentAction action, Channel channel,
                                String purpose, String address, String tokenNonce, Evidence evidence,
                                Instant submittedAt) {
}
