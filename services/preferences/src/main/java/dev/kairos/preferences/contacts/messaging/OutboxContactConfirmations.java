package dev.kairos.preferences.contacts.messaging;

import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.requests.AddressedMessage;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.preferences.contacts.ContactChange;
import dev.kairos.preferences.contacts.ContactConfirmations;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The confirmation goes to dispatch's request inbox as a {@code SendMessage} of the catalogue's SERVICE topic
 * of contact confirmations, addressed to the new address ({@code recipientAddress}): it is not on the
 * customer's record, and must not be until confirmed. Informational only, in French and English.
 */
@Component
class OutboxContactConfirmations implements ContactConfirmations {

    private final AvroSerde<SendMessage> serde = KairosSerdes.sendMessage();
    private final Outbox outbox;
    private final String topic;
    private final String catalogueTopic;

    OutboxContactConfirmations(Outbox outbox, TopicsProperties topics,
                               @Value("${kairos.contact-changes.requests-topic:requests}") String requestsTopic,
                               @Value("${kairos.contact-changes.catalogue-topic:contact-confirmation}") String catalogueTopic) {
        this.outbox = outbox;
        this.topic = topics.name(requestsTopic);
        this.catalogueTopic = catalogueTopic;
    }

    @Override
    public void send(ContactChange change, String link) {
        SendMessage message = message(change, link, catalogueTopic);
        outbox.append(topic, change.customerId(), serde.encode(message), message.getRequestId());
    }

    static SendMessage message(ContactChange change, String link, String catalogueTopic) {
        Channel channel = Channel.valueOf(change.channel().name());
        String text = channel == Channel.SMS
                ? "Confirmez ce numéro / Confirm this number: " + link
                : """
                  Bonjour,

                  Pour que nous utilisions désormais cette adresse, ouvrez ce lien dans les 24 heures : %s
                  Si vous n'avez rien demandé, ignorez ce message : rien ne changera.

                  Hello,

                  To have us use this address from now on, open this link within 24 hours: %s
                  If you did not ask for this, ignore this message: nothing will change.
                  """.formatted(link, link);
        // One message per held change: dispatch drops a repeated request id.
        return new AddressedMessage("contact-confirmation:" + change.changeId(), change.customerId(), catalogueTopic,
                channel, change.address(), "Confirmez votre adresse / Confirm your address", text,
                change.expiresAt(), change.requestedAt()).toSendMessage();
    }
}
