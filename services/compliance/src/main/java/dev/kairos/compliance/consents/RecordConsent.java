package dev.kairos.compliance.consents;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import java.time.Instant;

/**
 * A validated request to record a grant or withdrawal.
 *
 * @param address     as received; it is normalised before it is stored
 * @param basis       {@code null} for a withdrawal that names none
 * @param collectedAt {@code null} when the caller did not say; the ledger then uses the time it records the event
 * @param evidence    {@code null} for a withdrawal that brings none
 */
public record RecordConsent(String customerId, Channel channel, String purpose, ConsentAction action, String address,
                            String jurisdiction, LegalBasis basis, boolean doubleOptIn, Instant collectedAt,
                            Evidence evidence) {

    /** The change this request asks for, as the API's origin. */
    public ConsentChange change() {
        return new ConsentChange(Origin.API, customerId, action.entryType(doubleOptIn), channel, purpose, basis,
                jurisdiction, address, collectedAt, null, evidence);
    }
}
