package dev.kairos.compliance.subjects;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.suppressions.Suppression;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything Kairos holds on one customer (GDPR art. 15 and 20).
 *
 * @param preferences what the preferences service answered, {@code null} when it knows no such customer
 * @param dispatch    what the dispatch service answered, {@code null} when it knows no such customer
 */
public record CustomerExport(String customerId, Instant exportedAt, Compliance compliance, Object preferences,
                             Object dispatch) {

    /**
     * @param addressesOnRecord the keyed hashes of the addresses preferences last had for the customer
     * @param suppressions      do-not-contact entries of the customer's addresses
     * @param emailMarketingOptOut the mailto unsubscribe that opted the customer out of email marketing,
     *                          including purposes added later; {@code null} when none did
     */
    public record Compliance(List<Consent> consents, List<LedgerRecord> ledger, List<ConfirmationRecord> confirmations,
                             List<ActivityRecord> activities, Map<Channel, String> addressesOnRecord,
                             List<Suppression> suppressions, OptOutRecord emailMarketingOptOut) {
    }

    /** The channel signal (its event id) that opted the customer out, and when. */
    public record OptOutRecord(String signalEventId, Instant optedOutAt) {
    }
}
