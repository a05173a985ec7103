package dev.kairos.compliance.rules;

import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import java.util.Set;

/**
 * Whether a grant is a fresh opt-in by the person, which alone may revive an address kept on the
 * do-not-contact list after an erasure (compliance.md item 10): express consent (opt-in or prior express
 * written consent), with evidence of the person's own act (their IP address or user agent), collected from
 * the person rather than loaded from another system. Imports and implied consents never are.
 */
public final class FreshOptIn {

    /** Collection methods that load consents from elsewhere instead of asking the person. */
    private static final Set<String> NOT_FROM_THE_PERSON = Set.of("API", "IMPORT", "BATCH", "SYSTEM", "MIGRATION");

    private FreshOptIn() {
    }

    public static boolean isFresh(LegalBasis basis, Evidence evidence) {
        boolean express = basis == LegalBasis.OPT_IN || basis == LegalBasis.PRIOR_EXPRESS_WRITTEN;
        return express && evidence != null
                && evidence.source() != null && !NOT_FROM_THE_PERSON.contains(evidence.source())
                && (evidence.ipAddress() != null || evidence.userAgent() != null);
    }
}
