package dev.kairos.dispatch.engine;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.ChannelStatus;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageDelivered;
import dev.kairos.proto.dispatch.MessageExpired;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import dev.kairos.proto.dispatch.MessageRejected;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.dispatch.MessageSuppressed;
import java.util.ArrayList;
import java.util.List;

/** Folds a request's outcomes, in order, into the status the API answers with. */
final class StatusFold {

    private StatusFold() {
    }

    static MessageStatus initial() {
        return MessageStatus.newBuilder().setRequestId("").setCustomerId("").setStatus("ACCEPTED").build();
    }

    static MessageStatus apply(StatusInput input, MessageStatus current) {
        if (input.outcome() != null) {
            return apply(input.outcome(), current);
        }
        // Arrival only fills a status nothing else has: an outcome may well have been folded first.
        if (!current.getHistory().isEmpty()) {
            return current;
        }
        return MessageStatus.newBuilder(current).setRequestId(input.requestId()).setCustomerId(input.customerId())
                .setStatus("ACCEPTED").build();
    }

    static MessageStatus apply(MessageOutcome outcome, MessageStatus current) {
        MessageStatus.Builder next = MessageStatus.newBuilder(current)
                .setRequestId(outcome.getRequestId())
                .setCustomerId(outcome.getCustomerId());
        if (outcome.getConsentEntryId() != null) {
            next.setConsentEntryId(outcome.getConsentEntryId());
        }
        List<MessageOutcome> history = new ArrayList<>(current.getHistory());
        history.add(outcome);
        next.setHistory(history);

        Channel channel = null;
        List<String> reasons = List.of();
        String status;
        Object event = outcome.getOutcome();
        if (event instanceof MessageRejected r) {
            status = "REJECTED";
            reasons = r.getReasons();
        } else if (event instanceof MessageScheduled s) {
            status = "SCHEDULED";
            reasons = s.getReasons();
            channel = s.getChannel();
            next.setScheduledFor(s.getScheduledFor());
        } else if (event instanceof MessageQueuedForDigest q) {
            status = "QUEUED_FOR_DIGEST";
            channel = q.getChannel();
            next.setScheduledFor(q.getDigestAt());
        } else if (event instanceof MessageSuppressed s) {
            status = "SUPPRESSED";
            reasons = s.getReasons();
            channel = s.getChannel();
        } else if (event instanceof MessageSent s) {
            status = "SENT";
            channel = s.getChannel();
        } else if (event instanceof MessageDelivered d) {
            status = "DELIVERED";
            channel = d.getChannel();
        } else if (event instanceof DeliveryFailed f) {
            status = "FAILED";
            reasons = List.of(f.getReason());
            channel = f.getChannel();
        } else if (event instanceof MessageExpired e) {
            status = "EXPIRED";
            reasons = e.getReasons();
        } else {
            throw new IllegalArgumentException("Unknown outcome " + event.getClass().getName());
        }
        next.setStatus(status).setReasons(reasons);
        if (channel != null) {
            next.setChannel(channel);
            next.setChannels(withChannel(current.getChannels(), channel, status, reasons));
        }
        return next.build();
    }

    private static List<ChannelStatus> withChannel(List<ChannelStatus> channels, Channel channel, String status,
                                                   List<String> reasons) {
        List<ChannelStatus> updated = new ArrayList<>();
        for (ChannelStatus c : channels) {
            if (c.getChannel() != channel) {
                updated.add(c);
            }
        }
        updated.add(new ChannelStatus(channel, status, reasons));
        return updated;
    }
}
