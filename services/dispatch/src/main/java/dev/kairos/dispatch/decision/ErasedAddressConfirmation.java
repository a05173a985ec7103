package dev.kairos.dispatch.decision;

import java.util.List;
import java.util.Optional;

/**
 * The one message that may reach an address erased at its owner's request: the double opt-in confirmation of a
 * fresh grant for that very address.
 *
 * <p>An erasure (GDPR art. 17) leaves the address's HMAC on the do-not-contact list, so that the objection
 * behind it keeps working (art. 21(3)). The only way back is a fresh opt-in, which compliance records for an erased
 * address only with double opt-in evidence and holds as awaiting confirmation. Its confirmation must reach the
 * address, or that way back is shut for good. So an {@link SuppressionReason#ERASURE} entry gives way to a message
 * of the consent-confirmation topic sent to the address of a grant of this customer, on this channel, that still
 * awaits confirmation; any other do-not-contact reason (a bounce, a complaint, STOP, a manual entry) still stops it,
 * and so does the erasure for every other message.
 */
public final class ErasedAddressConfirmation {

    private ErasedAddressConfirmation() {
    }

    /**
     * The grant awaiting confirmation that lets a confirmation through {@code reason}, if there is one.
     *
     * @param reason      why the address is suppressed
     * @param channel     the channel of the confirmation
     * @param addressHmac the HMAC of the address it goes to
     * @param consents    the customer's consents as compliance last announced them
     */
    public static Optional<Consent> pendingGrant(SuppressionReason reason, Channel channel, String addressHmac,
                                                 List<Consent> consents) {
        if (reason != SuppressionReason.ERASURE) {
            return Optional.empty();
        }
        return consents.stream()
                .filter(c -> c.status() == Consent.Status.PENDING_CONFIRMATION)
                .filter(c -> c.channel() == channel && addressHmac.equals(c.addressHmac()))
                .findFirst();
    }
}
