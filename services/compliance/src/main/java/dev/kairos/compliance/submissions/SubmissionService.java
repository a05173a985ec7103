package dev.kairos.compliance.submissions;

import dev.kairos.compliance.confirmations.ConfirmationService;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.events.AppliedEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what customers submit on preferences pages: a grant or a withdrawal on the ledger, a confirmation
 * of a double opt-in. Each submission applies once, in one transaction with the record of having applied it.
 */
@Service
public class SubmissionService {

    static final String CONSUMER = "compliance.consent-submissions";

    private final AppliedEvents applied;
    private final ConsentService consents;
    private final SuppressionService suppressions;
    private final ConfirmationService confirmations;

    SubmissionService(AppliedEvents applied, ConsentService consents, SuppressionService suppressions,
                      ConfirmationService confirmations) {
        this.applied = applied;
        this.consents = consents;
        this.suppressions = suppressions;
        this.confirmations = confirmations;
    }

    @Transactional
    public void apply(Submission submission) {
        if (!applied.markApplied(CONSUMER, submission.eventId())) {
            return;
        }
        switch (submission.action()) {
            case GRANT -> grant(submission);
            case WITHDRAW -> record(submission, EntryType.WITHDRAWN, null);
            case CONFIRM -> confirmations.confirm(submission.tokenNonce(), submission.evidence(), submission.submittedAt());
        }
    }

    /**
     * The customer ticked the box themselves: express consent, with the page's evidence. Such a fresh opt-in
     * lifts the suppression an erasure left on the address (after the ledger entry, in the same transaction).
     */
    private void grant(Submission submission) {
        record(submission, EntryType.GRANTED, LegalBasis.OPT_IN);
        if (submission.address() != null) {
            suppressions.liftErasure(submission.address());
        }
    }

    private void record(Submission s, EntryType type, LegalBasis basis) {
        consents.recordEntry(new ConsentService.Change(s.customerId(), type, s.channel(), s.purpose(), basis, null,
                s.address(), s.submittedAt(), null, s.evidence()));
    }
}
