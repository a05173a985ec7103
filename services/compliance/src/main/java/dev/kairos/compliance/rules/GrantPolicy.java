package dev.kairos.compliance.rules;

import dev.kairos.compliance.ledger.EntryType;
import java.time.Instant;
import java.util.Optional;

/**
 * The one policy every consent change passes before it reaches the ledger, whatever its {@link Origin}. A
 * grant is held to these rules in this order, and the first that fails refuses it:
 * <ol>
 *   <li>the basis the jurisdiction requires for the channel ({@link ExpiryRules#basisProblem}: TCPA for US
 *       texts);</li>
 *   <li>soft opt-in only for an existing buyer ({@link ExpiryRules#buyerProblem}: ePrivacy Directive
 *       art. 13(2), CPCE L.34-5);</li>
 *   <li>a German email consent only by double opt-in ({@link ExpiryRules#doubleOptInProblem}: UWG § 7(2)
 *       Nr. 2, BGH I ZR 164/09): pending confirmation, or with a confirmation's evidence;</li>
 *   <li>an address erased at the person's request takes only a fresh opt-in by the person ({@link FreshOptIn})
 *       confirmed from that address by double opt-in: pending its confirmation, or carrying a confirmation
 *       already made. GDPR art. 17 erased the old proof and art. 7(1) asks the controller to demonstrate
 *       consent, which an import or an implied consent cannot; and whoever submits a form or holds a page
 *       link may not be the person the address belongs to, which only a click from that address shows;</li>
 *   <li>then the grant is admitted with the expiry its jurisdiction sets ({@link ExpiryRules#expiresAt}:
 *       CNIL's 3 years, CASL s. 10(10)).</li>
 * </ol>
 * A withdrawal, a confirmation, an extension or an expiry is always admitted, with the expiry it carries:
 * an opt-out is never held back by a rule.
 */
public final class GrantPolicy {

    /** What the policy needs to know of the world; looked up only when a rule asks. */
    public interface Facts {

        /** Whether a purchase by the customer is on record at or before {@code at}. */
        boolean purchasedBefore(String customerId, Instant at);

        /** Whether the normalised address was erased at the person's request and is kept off contact. */
        boolean erased(String address);
    }

    static final String ERASED_ADDRESS = "was erased at the person's request and stays on the do-not-contact "
            + "list: only a fresh opt-in by the person (OPT_IN or PRIOR_EXPRESS_WRITTEN, with evidence of their "
            + "own act) confirmed from the address by double opt-in can record a consent for it; send it with "
            + "doubleOptIn: true";

    private final ExpiryRules rules;

    public GrantPolicy(ExpiryRules rules) {
        this.rules = rules;
    }

    /**
     * @param address the change's address, normalised ({@code null} when it names none)
     * @param now     when the ledger records it: a grant without {@code occurredAt} was collected then
     */
    public Verdict judge(ConsentChange change, String address, Facts facts, Instant now) {
        if (!change.isGrant()) {
            return new Verdict.Admitted(change.expiresAt());
        }
        Instant collectedAt = change.occurredAt() == null ? now : change.occurredAt();
        Optional<String> basis = rules.basisProblem(change.channel(), change.jurisdiction(), change.basis())
                .or(() -> rules.buyerProblem(change.basis(),
                        () -> facts.purchasedBefore(change.customerId(), collectedAt)));
        if (basis.isPresent()) {
            return new Verdict.Refused("basis", basis.get());
        }
        Optional<String> doubleOptIn = rules.doubleOptInProblem(change.channel(), change.jurisdiction(),
                change.basis(), change.type() == EntryType.PENDING_CONFIRMATION, change.evidence());
        if (doubleOptIn.isPresent()) {
            return new Verdict.Refused("doubleOptIn", doubleOptIn.get());
        }
        if (address != null && facts.erased(address) && !confirmedFreshOptIn(change)) {
            return new Verdict.Refused("address", ERASED_ADDRESS);
        }
        return new Verdict.Admitted(
                rules.expiresAt(change.channel(), change.jurisdiction(), change.basis(), collectedAt));
    }

    /**
     * The person's fresh opt-in, waiting for the click from the address (only that click, a {@code CONFIRMED}
     * entry, then lifts the erasure) or already confirmed by it.
     */
    private static boolean confirmedFreshOptIn(ConsentChange change) {
        boolean doubleOptIn = change.type() == EntryType.PENDING_CONFIRMATION
                || change.evidence() != null && change.evidence().confirmationClickedAt() != null;
        return doubleOptIn && FreshOptIn.isFresh(change.basis(), change.evidence());
    }
}
