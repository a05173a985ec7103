package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import java.util.List;

/** Records sends that a later step completes (a print batch at its cut-off) rather than the hand-over. */
public interface LaterSends {

    /** Returns once every send is recorded; recording one again is harmless (same event id). */
    void sent(List<Send> sends);

    /** One completed send. */
    record Send(String requestId, String customerId, String topic, String campaignId, String consentEntryId,
                Channel channel, String providerMessageId) {
    }
}
