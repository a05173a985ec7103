package dev.kairos.dispatch.requests;

import dev.kairos.dispatch.decision.Submission;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.dispatch.WhenCapped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The REST request as the inbox command, and as the request rule checks it. */
final class Commands {

    private Commands() {
    }

    static Submission toSubmission(MessageRequest r) {
        Map<String, Submission.Part> content = new HashMap<>();
        if (r.content() != null) {
            r.content().forEach((channel, c) -> content.put(channel.name(),
                    c == null ? null : new Submission.Part(c.subject(), c.text(), c.html())));
        }
        List<dev.kairos.dispatch.decision.Channel> channels = r.channels() == null ? List.of()
                : r.channels().stream()
                // A null item stays null, for the request rule to refuse by name.
                .map(c -> c == null ? null : dev.kairos.dispatch.decision.Channel.valueOf(c.name())).toList();
        return new Submission(r.requestId(), r.customerId(), r.topic(), channels, content, r.templateId(),
                r.variables(), r.notBefore(), r.expiresAt(), r.campaignId(), r.recipientAddress());
    }

    static SendMessage toCommand(MessageRequest r, Instant receivedAt) {
        Map<String, MessageContent> content = new HashMap<>();
        if (r.content() != null) {
            r.content().forEach((channel, c) -> {
                if (c != null) {
                    content.put(channel.name(), new MessageContent(c.subject(), c.text(), c.html()));
                }
            });
        }
        List<Channel> channels = r.channels() == null ? List.of()
                : r.channels().stream().map(c -> Channel.valueOf(c.name())).toList();
        return SendMessage.newBuilder()
                .setRequestId(r.requestId())
                .setCustomerId(r.customerId())
                .setTopic(r.topic())
                .setChannels(channels)
                .setDelivery(r.delivery() == null ? Delivery.FIRST_AVAILABLE : Delivery.valueOf(r.delivery().name()))
                .setContent(content)
                .setTemplateId(r.templateId())
                .setVariables(r.variables() == null ? Map.of() : r.variables())
                .setNotBefore(r.notBefore())
                .setExpiresAt(r.expiresAt())
                .setWhenCapped(r.whenCapped() == null ? WhenCapped.DROP : WhenCapped.valueOf(r.whenCapped().name()))
                .setCampaignId(r.campaignId())
                .setRecipientAddress(r.recipientAddress())
                .setReceivedAt(receivedAt)
                .build();
    }
}
