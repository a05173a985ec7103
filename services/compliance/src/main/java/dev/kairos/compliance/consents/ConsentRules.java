package dev.kairos.compliance.consents;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.Optional;

/** The legal rules a grant is held to by jurisdiction, channel and basis (see the expiry package). */
public interface ConsentRules {

    /** Why the basis cannot support a grant on that channel in that jurisdiction, or empty when it can. */
    Optional<String> basisProblem(Channel channel, String jurisdiction, LegalBasis basis);

    /** When a consent given at {@code collectedAt} lapses, or {@code null} when no rule bounds it. */
    Instant expiresAt(Channel channel, String jurisdiction, LegalBasis basis, Instant collectedAt);
}
