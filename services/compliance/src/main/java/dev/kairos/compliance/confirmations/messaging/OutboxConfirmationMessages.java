package dev.kairos.compliance.confirmations.messaging;

import dev.kairos.compliance.confirmations.ConfirmationMessages;
import dev.kairos.compliance.confirmations.ConfirmationRequest;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.platform.requests.AddressedMessage;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The confirmation goes to dispatch's request inbox as a {@code SendMessage} for the catalogue's SERVICE topic
 * of confirmations, addressed to the address being confirmed ({@code recipientAddress}): that address may
 * not be on the customer's record yet. The text is informational only (no promotion, compliance.md item 5).
 */
@Component
class OutboxConfirmationMessages implements ConfirmationMessages {

    private final AvroSerde<SendMessage> serde = KairosSerdes.sendMessage();
    private final Outbox outbox;
    private final String topic;
    private final String catalogueTopic;

    OutboxConfirmationMessages(Outbox outbox, TopicsProperties topics,
                               @Value("${kairos.confirmations.requests-topic:requests}") String requestsTopic,
                               @Value("${kairos.confirmations.catalogue-topic:consent-confirmation}") String catalogueTopic) {
        this.outbox = outbox;
        this.topic = topics.name(requestsTopic);
        this.catalogueTopic = catalogueTopic;
    }

    @Override
    public void send(ConfirmationRequest request, String link) {
        SendMessage message = message(request, link, catalogueTopic);
        outbox.append(topic, request.customerId(), serde.encode(message), message.getRequestId());
    }

    static SendMessage message(ConfirmationRequest request, String link, String catalogueTopic) {
        Channel channel = Channel.valueOf(request.channel().name());
        // One confirmation per pending grant: dispatch drops a repeated request id.
        return new AddressedMessage("consent-confirmation:" + request.pendingEntryId(), request.customerId(),
                catalogueTopic, channel, request.address(), "Confirmez votre inscription / Confirm your subscription",
                text(channel, link), request.expiresAt(), request.sentAt()).toSendMessage();
    }

    private static String text(Channel channel, String link) {
        return switch (channel) {
            case SMS -> "Confirmez votre inscription / Confirm your subscription: " + link;
            case EMAIL -> """
                    Bonjour,

                    Pour confirmer votre inscription, ouvrez ce lien dans les 7 jours : %s
                    Sans confirmation, nous ne vous écrirons pas.

                    Hello,

                    To confirm your subscription, open this link within 7 days: %s
                    Without your confirmation, we will not write to you.
                    """.formatted(link, link);
            case MAIL -> "Pour confirmer votre inscription / To confirm your subscription: " + link;
        };
    }
}
