package dev.kairos.preferences.consents;

import dev.kairos.preferences.common.Channel;
import java.time.Instant;

/**
 * One consent of a customer as compliance's ledger has it.
 *
 * @param status    the ledger's status: {@code ACTIVE}, {@code PENDING_CONFIRMATION}, {@code WITHDRAWN}, {@code EXPIRED}
 * @param expiresAt when it lapses, or {@code null}
 */
public record LedgerConsent(Channel channel, String purpose, String status, Instant expiresAt) {

    /** In force at {@code now}: given (or confirmed) and not lapsed. A consent waiting for its confirmation is not. */
    public boolean inForceAt(Instant now) {
        return "ACTIVE".equals(status) && (expiresAt == null || now.isBefore(expiresAt));
    }
}
