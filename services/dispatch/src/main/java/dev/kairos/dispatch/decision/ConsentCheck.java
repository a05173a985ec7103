package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.List;

/** Whether marketing may use a channel and address, by the consent model, and the ledger entry relied on. */
record ConsentCheck(boolean allowed, Reason reason, String entryId) {

    static ConsentCheck notNeeded() {
        return new ConsentCheck(true, null, null);
    }

    static ConsentCheck of(String jurisdiction, Channel channel, String purpose, String addressHmac,
                           List<Consent> consents, Instant now) {
        ConsentModel.Requirement requirement = ConsentModel.requirement(jurisdiction, channel);
        Consent consent = consents.stream()
                .filter(x -> x.channel() == channel && x.purpose().equals(purpose))
                .findFirst().orElse(null);
        if (consent == null) {
            return requirement == ConsentModel.Requirement.OPT_OUT
                    ? new ConsentCheck(true, null, null)
                    : new ConsentCheck(false, Reason.NO_CONSENT, null);
        }
        String entry = consent.entryId();
        if (consent.status() == Consent.Status.WITHDRAWN) {
            return new ConsentCheck(false, Reason.CONSENT_WITHDRAWN, entry);
        }
        if (requirement == ConsentModel.Requirement.OPT_OUT) {
            return new ConsentCheck(true, null, entry);
        }
        if (consent.status() == Consent.Status.PENDING_CONFIRMATION) {
            return new ConsentCheck(false, Reason.NO_CONSENT, entry);
        }
        if (consent.expiredAt(now)) {
            return new ConsentCheck(false, Reason.CONSENT_EXPIRED, entry);
        }
        // Consent attaches to the address it was given for: a new address needs its own.
        if (consent.addressHmac() != null && !consent.addressHmac().equals(addressHmac)) {
            return new ConsentCheck(false, Reason.ADDRESS_CHANGED, entry);
        }
        if (!ConsentModel.basisSatisfies(consent.basis(), requirement)) {
            return new ConsentCheck(false, Reason.NO_CONSENT, entry);
        }
        return new ConsentCheck(true, null, entry);
    }
}
