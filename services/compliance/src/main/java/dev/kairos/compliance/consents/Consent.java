package dev.kairos.compliance.consents;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's consent for one channel and purpose, for the address it was given for.
 *
 * @param address     the normalised address, {@code null} once erased
 * @param addressHmac the keyed hash of the normalised address, which dispatch matches on
 * @param entryId     the ledger entry this status rests on
 */
public record Consent(Channel channel, String purpose, ConsentStatus status, LegalBasis basis, String address,
                      String addressHmac, UUID entryId, Instant expiresAt) {

    /** The consent as it stands at {@code instant}: an active consent past its expiry has expired. */
    public Consent at(Instant instant) {
        if (status == ConsentStatus.ACTIVE && expiresAt != null && !instant.isBefore(expiresAt)) {
            return new Consent(channel, purpose, ConsentStatus.EXPIRED, basis, address, addressHmac, entryId, expiresAt);
        }
        return this;
    }
}
