package dev.kairos.platform.requests;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message of a SERVICE catalogue topic sent to one given address ({@code recipientAddress}) rather than to
 * the customer's contact points: a double opt-in confirmation goes to the address being confirmed, a new
 * contact point's confirmation to the new address, whatever the customer's record holds. Dispatch accepts an
 * address only for SERVICE topics and still checks it against the suppression list.
 *
 * @param requestId      dispatch drops a repeated one, so one id per thing confirmed
 * @param catalogueTopic the SERVICE topic of the catalogue the message belongs to
 * @param subject        the email subject; ignored on other channels
 */
public record AddressedMessage(String requestId, String customerId, String catalogueTopic, Channel channel,
                               String address, String subject, String text, Instant expiresAt, Instant receivedAt) {

    public AddressedMessage {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(catalogueTopic, "catalogueTopic");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }

    /** The request dispatch's inbox reads. */
    public SendMessage toSendMessage() {
        MessageContent content = MessageContent.newBuilder()
                .setSubject(channel == Channel.EMAIL ? subject : null)
                .setText(text)
                .build();
        return SendMessage.newBuilder()
                .setRequestId(requestId)
                .setCustomerId(customerId)
                .setTopic(catalogueTopic)
                .setChannels(List.of(channel))
                .setDelivery(Delivery.FIRST_AVAILABLE)
                .setContent(Map.of(channel.name(), content))
                .setExpiresAt(expiresAt)
                .setRecipientAddress(address)
                .setReceivedAt(receivedAt)
                .build();
    }
}
