package dev.kairos.compliance.signals;

import java.time.Instant;
import java.util.List;

/**
 * The customers whose email marketing a mailto unsubscribe withdrew, so that a MARKETING purpose added to the
 * catalogue later is withdrawn for them too: the opt-out covers what comes after it (ADR 0013).
 */
public interface EmailMarketingOptOuts {

    /** Records the customer's opt-out; a later unsubscribe replaces the signal it cites. */
    void record(String customerId, String signalEventId, Instant optedOutAt);

    List<OptOut> all();

    /** One customer's opt-out and the unsubscribe that made it. */
    record OptOut(String customerId, String signalEventId, Instant optedOutAt) {
    }
}
