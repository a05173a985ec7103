package dev.kairos.compliance.submissions;

import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.ExpiryRules;
import dev.kairos.compliance.rules.Origin;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.events.AppliedEvents;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what customers submit on preferences pages: a grant or a withdrawal on the ledger, a confirmation
 * of a double opt-in. Each submission applies once, in one transaction with the record of having applied it.
 * A page does not say the customer's jurisdiction; the address index, fed by the same customer's
 * contact-preferences snapshots, does, so that a page grant is held to the rules of that jurisdiction as one
 * made through the API is.
 */
@Service
public class SubmissionService {

    static final String CONSUMER = "compliance.consent-submissions";

    private final AppliedEvents applied;
    private final ConsentService consents;
    private final ConfirmationService confirmations;
    private final AddressIndexing index;
    private final SuppressionService suppressions;
    private final ExpiryRules rules;

    SubmissionService(AppliedEvents applied, ConsentService consents, ConfirmationService confirmations,
                      AddressIndexing index, SuppressionService suppressions, ExpiryRules rules) {
        this.applied = applied;
        this.consents = consents;
        this.confirmations = confirmations;
        this.index = index;
        this.suppressions = suppressions;
        this.rules = rules;
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
                    record(submission, EntryType.WITHDRAWN, null, jurisdiction(submission));
                }
            }
            case CONFIRM -> confirmations.confirm(submission.tokenNonce(), submission.evidence(), submission.submittedAt());
        }
    }

    /**
     * The customer ticked the box themselves (express consent), or, as an existing buyer, did not take the
     * opt-out offered at collection (soft opt-in). With the page's evidence, held to the same grant policy as
     * a grant through the API: what it refuses is rejected whole.
     */
    private void grant(Submission submission) {
        LegalBasis basis = submission.basis() == null ? LegalBasis.OPT_IN : submission.basis();
        // Without a jurisdiction (no snapshot yet) no rule bounds the grant: it is recorded without an expiry
        // rather than held back, and the customer's next grant, once the snapshot has arrived, carries both.
        // The page's grant waits for a confirmation from the address, which the pending entry sends for, where
        // the address was erased at the person's request, or where the law accepts a consent only once
        // confirmed from the address (a German email).
        String jurisdiction = jurisdiction(submission);
        EntryType type = erased(submission) || rules.needsDoubleOptIn(submission.channel(), jurisdiction, basis)
                ? EntryType.PENDING_CONFIRMATION : EntryType.GRANTED;
        record(submission, type, basis, jurisdiction);
    }

    /**
     * Whether the grant's address was erased at the person's request. A page grant then lifts nothing: the
     * page's link may be in anyone's hands, and the address may be someone else's. It waits as a double opt-in
     * instead, and only the click on the confirmation sent to that address, the person's own act, lifts the
     * erasure's suppression.
     */
    private boolean erased(Submission submission) {
        return submission.address() != null
                && !suppressions.erasedAmong(List.of(AddressHmac.normalise(submission.address()))).isEmpty();
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

    private void record(Submission s, EntryType type, LegalBasis basis, String jurisdiction) {
        consents.apply(new ConsentChange(Origin.PAGE, s.customerId(), type, s.channel(), s.purpose(), basis,
                jurisdiction, s.address(), s.submittedAt(), null, s.evidence()))
                .refusal().ifPresent(refusal -> {
                    throw new SubmissionRejected(refusal.field(), refusal.reason());
                });
    }
}
