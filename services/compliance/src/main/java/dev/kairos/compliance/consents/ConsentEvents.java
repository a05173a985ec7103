package dev.kairos.compliance.consents;

import java.util.List;

/** Announces each customer's consents after a change, in the transaction that makes it. */
public interface ConsentEvents {

    void changed(CustomerConsents consents);

    /** Announces several customers' consents at once, in order. */
    void changedAll(List<CustomerConsents> consents);
}
