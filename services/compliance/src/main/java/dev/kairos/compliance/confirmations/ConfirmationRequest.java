package dev.kairos.compliance.confirmations;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;

/**
 * A confirmation message sent for a pending grant, and what became of it: the first step of double opt-in
 * (sent) and the second (confirmed), kept as evidence.
 *
 * @param nonce        the single-use nonce the signed link carries
 * @param address      the normalised address the grant and the message are for
 * @param confirmedAt  when the customer confirmed (the click), or {@code null}
 */
public record ConfirmationRequest(String nonce, String customerId, Channel channel, String purpose, LegalBasis basis,
                                  String jurisdiction, String address, String pendingEntryId, Instant sentAt,
                                  Instant expiresAt, Instant confirmedAt, String confirmedEntryId) {

    /** Whether a click at {@code at} may still confirm: the link is unused and not yet expired. */
    public Outcome check(Instant at) {
        if (confirmedAt != null) {
            return Outcome.ALREADY_USED;
        }
        return at.isBefore(expiresAt) ? Outcome.CONFIRMED : Outcome.EXPIRED;
    }

    /** What a confirmation attempt came to. */
    public enum Outcome {
        CONFIRMED, EXPIRED, ALREADY_USED, UNKNOWN, SUPERSEDED
    }
}
