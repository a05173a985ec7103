package dev.kairos.compliance.subjects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What compliance's own tables hold on one customer, and its erasure. */
public interface SubjectRecords {

    List<LedgerRecord> ledger(String customerId);

    List<ConfirmationRecord> confirmations(String customerId);

    List<ActivityRecord> activities(String customerId);

    /** The customer's email marketing opt-out by a mailto unsubscribe, if any (ADR 0013). */
    Optional<CustomerExport.OptOutRecord> emailMarketingOptOut(String customerId);

    /** Every address held in clear for the customer: in consents, ledger personal data and confirmations. */
    Set<String> addresses(String customerId);

    /**
     * Moves the personal data of the customer's US entries recorded after {@code recordedAfter} to the
     * access-restricted proof store, kept until {@code retainUntil} counted from each entry.
     *
     * @return how many entries keep their proof
     */
    int retainUsProof(String customerId, Instant recordedAfter, Instant erasedAt);

    /**
     * Deletes retained proof whose retention ended at or before {@code now}.
     *
     * @return how many entries lost their proof
     */
    int purgeRetainedProof(Instant now);

    /**
     * Deletes the customer's personal data: ledger personal data, confirmation requests, activities, the email
     * marketing opt-out, addresses in consents.
     */
    void erase(String customerId);
}
