package dev.kairos.compliance.confirmations.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.confirmations.ConfirmationRequest;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxConfirmationMessagesTest {

    /** Creating a serde trusts the generated classes of its record (Avro 1.12), which building one needs. */
    private static final AvroSerde<SendMessage> SERDE = KairosSerdes.sendMessage();

    private static final String LINK = "https://prefs.example.com/c/AbC123";

    @Test
    void anSmsConfirmationIsAServiceMessageToTheAddressBeingConfirmed() {
        ConfirmationRequest request = new ConfirmationRequest("n", "c-42", Channel.SMS, "promotions",
                LegalBasis.OPT_IN, "FR", "+33612345678", "41b42084-0000-0000-0000-000000000001",
                Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-12-01T09:00:00Z"), null, null);

        SendMessage message = OutboxConfirmationMessages.message(request, LINK, "consent-confirmation");

        assertThat(message.getTopic()).isEqualTo("consent-confirmation");
        assertThat(message.getRequestId()).isEqualTo("consent-confirmation:41b42084-0000-0000-0000-000000000001");
        assertThat(message.getRecipientAddress()).isEqualTo("+33612345678");
        assertThat(message.getChannels()).containsExactly(dev.kairos.proto.common.Channel.SMS);
        assertThat(message.getExpiresAt()).isEqualTo(request.expiresAt());
        assertThat(message.getContent().get("SMS").getText()).contains(LINK).hasSizeLessThan(160);
        assertThat(SERDE.decode(SERDE.encode(message))).isEqualTo(message);
    }
}
