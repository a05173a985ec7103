package dev.kairos.compliance.consents;

import dev.kairos.compliance.ledger.NewEntry;
import java.util.List;

/**
 * Addresses for which no grant may be recorded unless the person opts in afresh: the do-not-contact
 * entries an erasure leaves (compliance.md item 10), kept by the data-subject feature. Every grant that
 * {@link ConsentService} records through the API, in a batch or from an activity passes here first, so an
 * import or an implied consent can never revive an erased address.
 */
public interface GrantScreen {

    /** Whether {@link #admit} would let the grant through: for callers that skip a grant rather than fail. */
    boolean admits(NewEntry grant);

    /**
     * @throws dev.kairos.platform.web.InvalidRequestException naming {@code address} when the grant is for a
     *         screened address and is not a fresh opt-in by the person
     */
    void admit(NewEntry grant);

    /** In the grant's transaction, after its ledger entry: an admitted fresh opt-in lifts the screen. */
    void granted(NewEntry grant);

    /**
     * {@link #admit} for each entry of a batch, all or none; a screen that can looks them up at once (a
     * look-up per entry cost a consumer's batch a round trip per event).
     */
    default void admitAll(List<NewEntry> grants) {
        grants.forEach(this::admit);
    }

    /** {@link #granted} for each entry of a batch, in order, after their ledger entries. */
    default void grantedAll(List<NewEntry> grants) {
        grants.forEach(this::granted);
    }
}
