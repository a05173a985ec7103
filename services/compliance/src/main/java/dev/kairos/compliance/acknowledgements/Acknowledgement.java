package dev.kairos.compliance.acknowledgements;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;
import java.util.List;

/**
 * One message telling the customer that consents of theirs were given or withdrawn on a channel.
 *
 * @param requestId  stable, named after the first ledger entry it acknowledges: dispatch sends one message per
 *                   request id, so a repeat changes nothing
 * @param purposes   the purposes that changed, in ledger order
 * @param recordedAt when the ledger recorded the change
 */
public record Acknowledgement(String requestId, String customerId, Channel channel, Action action,
                              List<String> purposes, Language language, Instant recordedAt) {

    public Acknowledgement {
        purposes = List.copyOf(purposes);
    }

    /** What happened to the consents. */
    public enum Action {
        GRANTED, WITHDRAWN
    }
}
