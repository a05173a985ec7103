package dev.kairos.compliance.subjects;

import dev.kairos.compliance.consents.GrantScreen;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.NewEntry;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.web.InvalidRequestException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
            refuse();
        }
    }

    @Override
    public void granted(NewEntry grant) {
        if (grant.type() == EntryType.GRANTED && erased(grant)) {
            suppressions.liftErasure(grant.address());
        }
    }

    /** As {@link #admit} for each grant, with one look-up of the batch's addresses. */
    @Override
    public void admitAll(List<NewEntry> grants) {
        Set<String> erased = erasedAmong(grants);
        for (NewEntry grant : grants) {
            if (screened(grant) && erased.contains(grant.address()) && !FreshOptIn.isFresh(grant.basis(), grant.evidence())) {
                refuse();
            }
        }
    }

    /** As {@link #granted} for each grant; {@code liftErasure} checks again under the address's lock. */
    @Override
    public void grantedAll(List<NewEntry> grants) {
        Set<String> erased = erasedAmong(grants);
        for (NewEntry grant : grants) {
            if (grant.type() == EntryType.GRANTED && erased.contains(grant.address())) {
                suppressions.liftErasure(grant.address());
            }
        }
    }

    private static void refuse() {
        throw new InvalidRequestException("address", "was erased at the person's request and stays on the "
                + "do-not-contact list: only a fresh opt-in by the person (OPT_IN or PRIOR_EXPRESS_WRITTEN, with "
                + "evidence of their own act) can record a consent for it");
    }

    private Set<String> erasedAmong(List<NewEntry> grants) {
        List<String> addresses = grants.stream().filter(ErasedAddressGuard::screened).map(NewEntry::address)
                .filter(Objects::nonNull).distinct().toList();
        return addresses.isEmpty() ? Set.of() : suppressions.erasedAmong(addresses);
    }

    private static boolean screened(NewEntry grant) {
        return grant.type() == EntryType.GRANTED || grant.type() == EntryType.PENDING_CONFIRMATION;
    }

    private boolean erased(NewEntry grant) {
        return screened(grant) && grant.address() != null
                && suppressions.of(grant.address()).filter(s -> s.reason() == SuppressionReason.ERASURE).isPresent();
    }
}
