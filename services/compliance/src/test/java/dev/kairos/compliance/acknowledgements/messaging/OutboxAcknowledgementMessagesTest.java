package dev.kairos.compliance.acknowledgements.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.acknowledgements.Acknowledgement;
import dev.kairos.compliance.acknowledgements.Language;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxAcknowledgementMessagesTest {

    private static final Instant RECORDED = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void aWithdrawalByEmailIsAcknowledgedInFrenchWithTheGreetingAndTheLinkLeftToDispatch() {
        SendMessage message = decoded(new Acknowledgement("consent-acknowledgement:41b42084", "c-42", Channel.EMAIL,
                Acknowledgement.Action.WITHDRAWN, List.of("promotions", "newsletter"), Language.FRENCH, RECORDED));

        assertThat(message.getRequestId()).isEqualTo("consent-acknowledgement:41b42084");
        assertThat(message.getCustomerId()).isEqualTo("c-42");
        assertThat(message.getTopic()).isEqualTo("consent-acknowledgements");
        assertThat(message.getChannels()).containsExactly(dev.kairos.proto.common.Channel.EMAIL);
        assertThat(message.getRecipientAddress()).as("to the customer's contact point, by their choices").isNull();
        assertThat(message.getVariables()).containsEntry("action", "WITHDRAWN").containsEntry("channel", "EMAIL")
                .containsEntry("purposes", "promotions, newsletter");
        assertThat(message.getContent()).containsOnlyKeys("EMAIL");
        assertThat(message.getContent().get("EMAIL").getSubject()).isEqualTo("Votre choix est enregistré");
        assertThat(message.getContent().get("EMAIL").getText())
                .startsWith("{{salutation}},\n\nC’est noté\u00a0: vous ne recevrez plus «\u00a0{{purposes}}\u00a0» par e-mail.")
                .contains("{{preferencesUrl}}");
        assertThat(message.getReceivedAt()).isEqualTo(RECORDED);
        assertThat(message.getExpiresAt()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
    }

    @Test
    void aGrantByTextIsAcknowledgedInEnglishInOneSentenceWithoutSubject() {
        SendMessage message = decoded(new Acknowledgement("consent-acknowledgement:1", "c-42", Channel.SMS,
                Acknowledgement.Action.GRANTED, List.of("promotions"), Language.ENGLISH, RECORDED));

        assertThat(message.getContent()).containsOnlyKeys("SMS");
        assertThat(message.getContent().get("SMS").getSubject()).isNull();
        assertThat(message.getContent().get("SMS").getText()).isEqualTo(
                "{{salutation}}, we have recorded your consent to receive \u201c{{purposes}}\u201d by text message.");
    }

    private static SendMessage decoded(Acknowledgement acknowledgement) {
        var serde = KairosSerdes.sendMessage();
        return serde.decode(serde.encode(OutboxAcknowledgementMessages.message(acknowledgement, "consent-acknowledgements")));
    }
}
