package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Reason;
import java.time.Instant;
import java.util.Optional;

/**
 * The last look before a provider call: what changed since the decision that must stop the message.
 * Only revocations count here (the decision already required the consent): a withdrawal, an expiry of
 * the consent or of the message, a new suppression.
 */
final class Recheck {

    private Recheck() {
    }

    static Optional<Reason> blocking(Outgoing m, CurrentState state, Instant now) {
        if (m.expiresAt() != null && !now.isBefore(m.expiresAt())) {
            return Optional.of(Reason.EXPIRED);
        }
        if (state.suppressed(m.address(), m.channel())) {
            return Optional.of(Reason.SUPPRESSED);
        }
        if (!m.marketing()) {
            return Optional.empty();
        }
        return state.consent(m.customerId(), m.topic(), m.channel()).flatMap(c -> {
            if (c.withdrawn()) {
                return Optional.of(Reason.CONSENT_WITHDRAWN);
            }
            if (c.expiredStatus() || (c.expiresAt() != null && !now.isBefore(c.expiresAt()))) {
                return Optional.of(Reason.CONSENT_EXPIRED);
            }
            return Optional.empty();
        });
    }
}
