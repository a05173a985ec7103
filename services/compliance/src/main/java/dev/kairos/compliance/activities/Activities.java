package dev.kairos.compliance.activities;

import dev.kairos.compliance.rules.ActivityType;
import java.time.Instant;

/** The activities reported for each customer. */
public interface Activities {

    /** Stores the activity; returns its id. */
    long add(String customerId, ActivityType type, Instant occurredAt, Instant recordedAt);
}
