package dev.kairos.dispatch.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageQueuedForDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class WebhookPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailureCarriesItsChannelReasonAndWhetherItIsPermanentAndLeavesOutWhatItLacks() {
        WebhookPayload payload = WebhookPayload.of(outcome(new DeliveryFailed(Channel.EMAIL,
                "550 5.1.1 user unknown", true)), JSON);

        assertThat(payload.status()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(new String(payload.body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"type":"message.failed","timestamp":"2026-12-05T10:15:30Z","data":{"eventId":"e-1",\
                "requestId":"crm:1","customerId":"c-42","topic":"promotions","status":"FAILED",\
                "occurredAt":"2026-12-05T10:15:30Z","channel":"EMAIL",\
                "failure":{"reason":"550 5.1.1 user unknown","permanent":true}}}""");
    }

    @Test
    void aQueuedForDigestSaysWhichDigestAndWhen() {
        WebhookPayload payload = WebhookPayload.of(outcome(new MessageQueuedForDigest("digest/c-42/promotions/EMAIL/1",
                Instant.parse("2026-12-06T08:00:00Z"), Channel.EMAIL)), JSON);

        assertThat(new String(payload.body(), StandardCharsets.UTF_8))
                .startsWith("{\"type\":\"message.queued_for_digest\"")
                .contains("\"digestId\":\"digest/c-42/promotions/EMAIL/1\"", "\"scheduledFor\":\"2026-12-06T08:00:00Z\"");
    }

    private static MessageOutcome outcome(Object outcome) {
        return MessageOutcome.newBuilder().setEventId("e-1").setRequestId("crm:1").setCustomerId("c-42")
                .setTopic("promotions").setOccurredAt(Instant.parse("2026-12-05T10:15:30Z")).setOutcome(outcome).build();
    }
}
