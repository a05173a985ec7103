package dev.kairos.compliance.submissions;

import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.consents.ConsentRules;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.consents.Purchases;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.events.AppliedEvents;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what customers submit on preferences pages: a grant or a withdrawal on the ledger, a confirmation
 * of a double opt-in. Each submission applies once, in one transaction with the record of having applied it.
 * A page does not say the customer's jurisdiction; the address index, fed by the same customer's
 * contact-preferences snapshots, does, so that a page grant lapses when the rules of that jurisdiction say,
 * as one made through the API does.
 */
@Service
public class SubmissionService {

    static final String CONSUMER = "compliance.consent-submissions";

    private final AppliedEvents applied;
    private final ConsentService consents;
    private final SuppressionService suppressions;
    private final ConfirmationService confirmations;
    private final AddressIndexing index;
    private final ConsentRules rules;
    private final Purchases purchases;

    SubmissionService(AppliedEvents applied, ConsentService consents, SuppressionService suppressions,
                      ConfirmationService confirmations, AddressIndexing index, ConsentRules rules,
                      Purchases purchases) {
        this.applied = applied;
        this.consents = consents;
        this.suppressions = suppressions;
        this.confirmations = confirmations;
        this.index = index;
        this.rules = rules;
        this.purchases = purchases;
    }

    /**
     * @throws SubmissionRejected when the rules refuse the grant; the transaction then records nothing, not
     *         even that the submission was applied
     */
    @Transactional
    public void apply(Submission submission) {
        if (!applied.markApplied(CONSUMER, submission.eventId())) {
            return;
        }
        switch (submission.action()) {
            case GRANT -> grant(submission);
            case WITHDRAW -> {
                if (!alreadyWithdrawn(submission)) {
                    record(submission, EntryType.WITHDRAWN, null, jurisdiction(submission), null);
                }
            }
            case CONFIRM -> confirmations.confirm(submission.tokenNonce(), submission.evidence(), submission.submittedAt());
        }
    }

    /**
     * The customer ticked the box themselves (express consent), or, as an existing buyer, did not take the
     * opt-out offered at collection (soft opt-in, refused without a purchase on record). With the page's
     * evidence. Such a fresh opt-in lifts the suppression an erasure left on the address (after the ledger
     * entry, in the same transaction); a soft opt-in is not the person's own act and lifts nothing.
     */
    private void grant(Submission submission) {
        LegalBasis basis = submission.basis() == null ? LegalBasis.OPT_IN : submission.basis();
        Instant collectedAt = submission.submittedAt();
        rules.buyerProblem(basis, () -> purchases.madeBy(submission.customerId(), collectedAt)).ifPresent(problem -> {
            throw new SubmissionRejected("basis", problem);
        });
        String jurisdiction = jurisdiction(submission);
        // Without a jurisdiction (no snapshot yet) no rule bounds the grant: it is recorded without an expiry
        // rather than held back, and the customer's next grant, once the snapshot has arrived, carries both.
        record(submission, EntryType.GRANTED, basis, jurisdiction,
                rules.expiresAt(submission.channel(), jurisdiction, basis, collectedAt));
        if (submission.address() != null && basis == LegalBasis.OPT_IN) {
            suppressions.liftErasure(submission.address());
        }
    }

    /**
     * An unsubscribe link can be posted any number of times, by anyone holding it: a withdrawal of a consent
     * already withdrawn (for the same address, when the page names one) changes nothing and appends nothing
     * to the ledger, whose appends are serialised.
     */
    private boolean alreadyWithdrawn(Submission s) {
        String address = s.address() == null ? null : AddressHmac.normalise(s.address());
        return consents.current(s.customerId()).stream().anyMatch(c -> c.channel() == s.channel()
                && c.purpose().equals(s.purpose()) && c.status() == ConsentStatus.WITHDRAWN
                && (address == null || address.equals(c.address())));
    }

    /**
     * The customer's jurisdiction from the address index, or {@code null} when their contact-preferences
     * snapshot has not arrived yet: the entry is then recorded without one, never delayed (a withdrawal
     * takes effect whatever the jurisdiction).
     */
    private String jurisdiction(Submission submission) {
        return index.jurisdictionOf(submission.customerId()).orElse(null);
    }

    private void record(Submission s, EntryType type, LegalBasis basis, String jurisdiction, Instant expiresAt) {
        consents.recordEntry(new ConsentService.Change(s.customerId(), type, s.channel(), s.purpose(), basis,
                jurisdiction, s.address(), s.submittedAt(), expiresAt, s.evidence()));
    }
}
