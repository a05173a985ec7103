package dev.kairos.dispatch.webhooks;

import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageDelivered;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageSuppressed;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an outcome says of its request, in the status API's words; the webhook's {@code type} is derived from it. */
public enum OutcomeStatus {
    REJECTED, SCHEDULED, QUEUED_FOR_DIGEST, SUPPRESSED, SENT, DELIVERED, FAILED, EXPIRED;

    static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    /** The status of one of {@code MessageOutcome}'s outcome records. */
    static OutcomeStatus of(Object outcome) {
        if (outcome instanceof MessageRejected) {
            return REJECTED;
        } else if (outcome instanceof MessageScheduled) {
            return SCHEDULED;
        } else if (outcome instanceof MessageQueuedForDigest) {
            return QUEUED_FOR_DIGEST;
        } else if (outcome instanceof MessageSuppressed) {
            return SUPPRESSED;
        } else if (outcome instanceof MessageSent) {
            return SENT;
        } else if (outcome instanceof MessageDelivered) {
            return DELIVERED;
        } else if (outcome instanceof DeliveryFailed) {
            return FAILED;
        } else if (outcome instanceof MessageExpired) {
            return EXPIRED;
        }
        throw new IllegalArgumentException("not an outcome: " + outcome.getClass().getName());
    }

    /** {@code message.sent}, {@code message.queued_for_digest}, ... */
    String type() {
        return "message." + name().toLowerCase(Locale.ROOT);
    }
}
