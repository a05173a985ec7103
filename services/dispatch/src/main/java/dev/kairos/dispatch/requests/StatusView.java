package dev.kairos.dispatch.requests;

import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageStatus;
import java.time.Instant;
import java.util.List;

/** The JSON answer of {@code GET /api/v1/messages/{requestId}}. */
record StatusView(String requestId, String status, String channel, Instant scheduledFor, List<String> reasons,
                  String consentEntryId, List<ChannelView> channels, List<HistoryView> history) {

    record ChannelView(String channel, String status, List<String> reasons) {
    }

    record HistoryView(String event, Instant at, String consentEntryId) {
    }

    static StatusView of(MessageStatus s) {
        return new StatusView(s.getRequestId(), s.getStatus(), s.getChannel() == null ? null : s.getChannel().name(),
                s.getScheduledFor(), s.getReasons(), s.getConsentEntryId(),
                s.getChannels().stream().map(c -> new ChannelView(c.getChannel().name(), c.getStatus(), c.getReasons()))
                        .toList(),
                s.getHistory().stream().map(StatusView::history).toList());
    }

    private static HistoryView history(MessageOutcome o) {
        return new HistoryView(o.getOutcome().getClass().getSimpleName(), o.getOccurredAt(), o.getConsentEntryId());
    }
}
