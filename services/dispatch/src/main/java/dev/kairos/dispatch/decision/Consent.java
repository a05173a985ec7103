package dev.kairos.dispatch.decision;

import java.time.Instant;

/** One consent of the customer, per channel and purpose, as compliance last announced it. */
public record Consent(Channel channel, String purpose, Status status, Basis basis, String addressHmac,
                      Instant expiresAt, String entryId) {

    public enum Status { ACTIVE, PENDING_CONFIRMATION, WITHDRAWN, EXPIRED }

    public enum Basis { OPT_IN, SOFT_OPT_IN, IMPLIED_PURCHASE, IMPLIED_INQUIRY, PRIOR_EXPRESS_WRITTEN }

    boolean expiredAt(Instant now) {
        return status == Status.EXPIRED || (expiresAt != null && !now.isBefore(expiresAt));
    }
}
