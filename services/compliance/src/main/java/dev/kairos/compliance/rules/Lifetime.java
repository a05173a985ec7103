package dev.kairos.compliance.rules;

import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;

/** The basis a consent rests on after an activity, and when it lapses. */
public record Lifetime(LegalBasis basis, Instant expiresAt) {
}
