package dev.kairos.compliance.subjects;

import dev.kairos.compliance.consents.GrantScreen;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.web.InvalidRequestException;
import org.springframework.stereotype.Component;

/**
 * Screens grants against the do-not-contact entries erasures leave: a grant for an erased address is
 * refused unless it is a fresh opt-in by the person ({@link FreshOptIn}), which lifts the entry in the
 * grant's own transaction, after the ledger entry that proves it. A double opt-in grant is admitted but
 * lifts nothing: its confirmation does.
 */
@Component
class ErasedAddressGuard implements GrantScreen {

    private final SuppressionService suppressions;

    ErasedAddressGuard(SuppressionService suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public boolean admits(NewEntry grant) {
        return !erased(grant) || FreshOptIn.isFresh(grant.basis(), grant.evidence());
    }

    @Override
    public void admit(NewEntry grant) {
        if (!admits(grant)) {
            throw new InvalidRequestException("address", "was erased at the person's request and stays on the "
                    + "do-not-contact list: only a fresh opt-in by the person (OPT_IN or PRIOR_EXPRESS_WRITTEN, with "
                    + "evidence of their own act) can record a consent for it");
        }
    }

    @Override
    public void granted(NewEntry grant) {
        if (grant.type() == EntryType.GRANTED && erased(grant)) {
            suppressions.liftErasure(grant.address());
        }
    }

    private boolean erased(NewEntry grant) {
        return (grant.type() == EntryType.GRANTED || grant.type() == EntryType.PENDING_CONFIRMATION)
                && grant.address() != null
                && suppressions.of(grant.address()).filter(s -> s.reason() == SuppressionReason.ERASURE).isPresent();
    }
}
