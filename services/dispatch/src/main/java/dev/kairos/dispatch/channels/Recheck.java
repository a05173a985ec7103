package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.ErasedAddressConfirmation;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.decision.SuppressionReason;
import java.time.Instant;
import java.util.Optional;

/**
 * The last look before a provider call: what changed since the decision that must stop the message.
 * Only revocations count here (the decision already required the consent): a withdrawal, an expiry of
 * the consent or of the message, a new suppression (an erasure still lets through the confirmation of a grant
 * that awaits it, as the decision did).
 */
final class Recheck {

    private Recheck() {
    }

    static Optional<Reason> blocking(Outgoing m, CurrentState state, Instant now) {
        if (m.expiresAt() != null && !now.isBefore(m.expiresAt())) {
            return Optional.of(Reason.EXPIRED);
        }
        Optional<SuppressionReason> suppression = state.suppression(m.address(), m.channel());
        if (suppression.isPresent() && !confirmsPendingGrant(m, suppression.get(), state)) {
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

    /**
     * Whether the message is the confirmation that may reach an erased address: the decision let it through for
     * the grant it names ({@link ErasedAddressConfirmation}), and that grant still awaits confirmation.
     */
    private static boolean confirmsPendingGrant(Outgoing m, SuppressionReason suppression, CurrentState state) {
        return suppression == SuppressionReason.ERASURE && !m.marketing() && m.consentEntryId() != null
                && state.awaitsConfirmation(m.customerId(), m.consentEntryId(), m.channel(), m.address());
    }
}
