package dev.kairos.compliance.confirmations;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;

/** A grant the ledger recorded as waiting for the customer's confirmation. */
public record PendingGrant(String entryId, String customerId, Channel channel, String purpose, LegalBasis basis,
                           String jurisdiction) {
}
