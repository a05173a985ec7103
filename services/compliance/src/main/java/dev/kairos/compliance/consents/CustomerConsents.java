package dev.kairos.compliance.consents;

import java.time.Instant;
import java.util.List;

/** Every consent of one customer after a change; each change bumps {@code version}. */
public record CustomerConsents(String customerId, long version, Instant updatedAt, List<Consent> consents) {

    public CustomerConsents {
        consents = List.copyOf(consents);
    }
}
