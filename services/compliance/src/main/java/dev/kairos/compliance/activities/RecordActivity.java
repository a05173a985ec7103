package dev.kairos.compliance.activities;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.rules.ActivityType;
import java.time.Instant;

/**
 * A validated activity. {@code channel}, {@code address}, {@code purpose} and {@code jurisdiction} are all
 * given or all {@code null}: with them, a purchase or inquiry may create implied consent for that address.
 */
public record RecordActivity(String customerId, ActivityType type, Instant at, Channel channel, String address,
                             String purpose, String jurisdiction) {

    boolean namesAnAddress() {
        return channel != null;
    }
}
