package dev.kairos.compliance.consents;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The legal rules a grant is held to by jurisdiction, channel and basis (see the expiry package). */
public interface ConsentRules {

    /** Why the basis cannot support a grant on that channel in that jurisdiction, or empty when it can. */
    Optional<String> basisProblem(Channel channel, String jurisdiction, LegalBasis basis);

    /**
     * Why a grant on that basis cannot stand for a customer without a purchase, or empty when it can;
     * {@code purchased} (whether the customer had bought before the grant) is asked only for a basis that
     * rests on a purchase.
     */
    Optional<String> buyerProblem(LegalBasis basis, BooleanSupplier purchased);

    /** When a consent given at {@code collectedAt} lapses, or {@code null} when no rule bounds it. */
    Instant expiresAt(Channel channel, String jurisdiction, LegalBasis basis, Instant collectedAt);
}
