package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed channel's fallback (ADR 0048), the engine's part: what a send carries for its channel end to write back
 * when the channel fails for good, and what a fallback decision must not count twice.
 */
final class Fallbacks {

    /**
     * Separates a request id from the failed channel in the {@code request-ids} store. Request ids that the request
     * rule accepts never contain it.
     */
    private static final String SEPARATOR = "\u0000fallback/";

    private Fallbacks() {
    }

    /**
     * The fallback of one request after one channel failed: remembered in the request-ids store, let through once.
     * With an empty channel, the prefix of all the request's fallbacks.
     */
    static String key(String requestId, String failedChannel) {
        return requestId + SEPARATOR + failedChannel;
    }

    /**
     * The request a send carries as its fallback: for a FIRST_AVAILABLE request sent on one channel, the request as
     * admitted, narrowed to the other candidate channels (in the order they would be tried) and to their content;
     * null when there is no other candidate, or the request is not one that falls back ({@code ALL}, an explicit
     * recipient address).
     *
     * @param candidates the request's candidate channels for this customer and topic, the chosen one among them
     */
    static SendMessage narrowed(SendMessage admitted, Decision decision, List<Channel> candidates) {
        if (!(decision instanceof Decision.Send send) || send.deliveries().size() != 1
                || admitted.getDelivery() != Delivery.FIRST_AVAILABLE || admitted.getRecipientAddress() != null) {
            return null;
        }
        Channel chosen = send.deliveries().get(0).channel();
        List<dev.kairos.proto.common.Channel> left = new ArrayList<>();
        Map<String, MessageContent> content = new HashMap<>();
        for (Channel candidate : candidates) {
            if (candidate != chosen) {
                left.add(Translations.channel(candidate));
                MessageContent part = admitted.getContent().get(candidate.name());
                if (part != null) {
                    content.put(candidate.name(), part);
                }
            }
        }
        if (left.isEmpty()) {
            return null;
        }
        return SendMessage.newBuilder()
                .setRequestId(admitted.getRequestId())
                .setCustomerId(admitted.getCustomerId())
                .setTopic(admitted.getTopic())
                .setChannels(left)
                .setDelivery(Delivery.FIRST_AVAILABLE)
                .setContent(content)
                .setTemplateId(null)
                .setVariables(admitted.getVariables())
                .setNotBefore(admitted.getNotBefore())
                .setExpiresAt(admitted.getExpiresAt())
                .setWhenCapped(admitted.getWhenCapped())
                .setCampaignId(admitted.getCampaignId())
                .setReceivedAt(admitted.getReceivedAt())
                .build();
    }

    /** The channel names a fallback request names, in its order: what its seal covers. */
    static List<String> channelNames(SendMessage request) {
        return request.getChannels().stream().map(Enum::name).toList();
    }

    /**
     * The history a fallback is decided with: without the entry its failed send added (the one of the request's topic
     * remembered at the instant the failed send was decided), so the message counts once toward the caps. A fallback
     * that is sent adds its own entry in its place: the message's one entry moves to the send that took over, where
     * the next fallback, if any, finds it. Unchanged when no entry matches (forgotten, erased).
     */
    static List<SentMessage> withoutFailedSend(List<SentMessage> history, String topic, Instant decidedAt) {
        List<SentMessage> kept = new ArrayList<>(history);
        for (int i = kept.size() - 1; i >= 0; i--) {
            SentMessage s = kept.get(i);
            if (s.at().toEpochMilli() == decidedAt.toEpochMilli() && topic.equals(s.topic())) {
                kept.remove(i);
                return kept;
            }
        }
        return history;
    }
}
