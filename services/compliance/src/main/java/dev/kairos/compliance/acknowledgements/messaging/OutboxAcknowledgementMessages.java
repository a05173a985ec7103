package dev.kairos.compliance.acknowledgements.messaging;

import dev.kairos.compliance.acknowledgements.Acknowledgement;
import dev.kairos.compliance.acknowledgements.AcknowledgementMessages;
import dev.kairos.compliance.acknowledgements.AcknowledgementTexts;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An acknowledgement goes to dispatch's request inbox as a {@code SendMessage} of the catalogue's SERVICE topic of
 * acknowledgements, on the channel of the consent and to the customer's contact point on it (no
 * {@code recipientAddress}): dispatch applies the customer's channel choice for that topic, their quiet hours and
 * the suppressions, and renders the greeting. Keyed by customer, so it follows the customer's other requests.
 */
@Component
class OutboxAcknowledgementMessages implements AcknowledgementMessages {

    /** An acknowledgement that quiet hours or send windows hold back longer than this is stale: it expires. */
    static final Duration LIFETIME = Duration.ofDays(2);

    private final AvroSerde<SendMessage> serde = KairosSerdes.sendMessage();
    private final Outbox outbox;
    private final String topic;
    private final String catalogueTopic;

    OutboxAcknowledgementMessages(Outbox outbox, TopicsProperties topics,
                                  @Value("${kairos.acknowledgements.requests-topic:requests}") String requestsTopic,
                                  @Value("${kairos.acknowledgements.catalogue-topic:consent-acknowledgements}")
                                  String catalogueTopic) {
        this.outbox = outbox;
        this.topic = topics.name(requestsTopic);
        this.catalogueTopic = catalogueTopic;
    }

    @Override
    public void send(Acknowledgement acknowledgement) {
        SendMessage message = message(acknowledgement, catalogueTopic);
        outbox.append(topic, acknowledgement.customerId(), serde.encode(message), message.getRequestId());
    }

    static SendMessage message(Acknowledgement a, String catalogueTopic) {
        Channel channel = Channel.valueOf(a.channel().name());
        MessageContent content = MessageContent.newBuilder()
                .setSubject(channel == Channel.EMAIL ? AcknowledgementTexts.subject(a.language()) : null)
                .setText(AcknowledgementTexts.text(a.language(), a.channel(), a.action()))
                .build();
        return SendMessage.newBuilder()
                .setRequestId(a.requestId())
                .setCustomerId(a.customerId())
                .setTopic(catalogueTopic)
                .setChannels(List.of(channel))
                .setDelivery(Delivery.FIRST_AVAILABLE)
                .setContent(Map.of(channel.name(), content))
                .setVariables(Map.of(
                        "action", a.action().name(),
                        "channel", channel.name(),
                        "purposes", String.join(", ", a.purposes())))
                .setExpiresAt(a.recordedAt().plus(LIFETIME))
                .setReceivedAt(a.recordedAt())
                .build();
    }
}
