package dev.kairos.compliance.consents;

import java.time.Instant;

/** The purchases reported for each customer (by the activities feature), which soft opt-in rests on. */
public interface Purchases {

    /** Whether a purchase by the customer is on record that took place at or before {@code instant}. */
    boolean madeBy(String customerId, Instant instant);
}
