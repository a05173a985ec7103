package dev.kairos.compliance.submissions;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;

/**
 * A consent event the customer submitted on a preferences page or through a link.
 *
 * @param address    the address the consent is about, or {@code null} (a withdrawal then keeps the consent's)
 * @param tokenNonce the nonce of the confirmation link, for {@code CONFIRM}
 * @param basis      for {@code GRANT}: the basis the page collected it on, {@code null} for an opt-in
 */
public record Submission(String eventId, String customerId, SubmittedAction action, Channel channel, String purpose,
                         String address, String tokenNonce, Evidence evidence, Instant submittedAt, LegalBasis basis) {
}
