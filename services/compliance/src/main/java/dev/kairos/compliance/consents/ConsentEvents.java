package dev.kairos.compliance.consents;


/** Announces each customer's consents after a change, in the transaction that makes it. */
public interface ConsentEvents {

    void changed(CustomerConsents consents);

}
