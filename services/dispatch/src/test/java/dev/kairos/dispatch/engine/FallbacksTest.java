package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.Decision;
import dev.kairos.dispatch.decision.SentMessage;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a send carries to fall back with, and the history a fallback is decided with. */
class FallbacksTest {

    /** Creating a serde makes Avro trust the generated classes, as the engine does before any record. */
    private static final Object TRUSTED = KairosSerdes.sendMessage();

    private static final Instant AT = Instant.parse("2026-12-05T10:00:00.250Z");

    @Test
    void theChannelsLeftInTheOrderTheyWouldBeTriedWithTheirContentOnly() {
        SendMessage admitted = request(Delivery.FIRST_AVAILABLE, null);

        SendMessage narrowed = Fallbacks.narrowed(admitted, sendOn(Channel.EMAIL),
                List.of(Channel.SMS, Channel.EMAIL, Channel.MAIL));

        assertThat(narrowed.getChannels()).containsExactly(dev.kairos.proto.common.Channel.SMS,
                dev.kairos.proto.common.Channel.MAIL);
        assertThat(narrowed.getContent()).containsOnlyKeys("SMS", "MAIL");
        assertThat(narrowed.getDelivery()).isEqualTo(Delivery.FIRST_AVAILABLE);
        assertThat(narrowed.getExpiresAt()).isEqualTo(admitted.getExpiresAt());
        assertThat(narrowed.getVariables()).isEqualTo(admitted.getVariables());
        assertThat(narrowed.getCampaignId()).isEqualTo("spring");
        assertThat(narrowed.getTemplateId()).isNull();
        assertThat(admitted.getContent()).as("the admitted request is left as it was").hasSize(3);
    }

    @Test
    void nothingToFallBackTo() {
        List<Channel> both = List.of(Channel.EMAIL, Channel.SMS);
        assertThat(Fallbacks.narrowed(request(Delivery.FIRST_AVAILABLE, null), sendOn(Channel.EMAIL),
                List.of(Channel.EMAIL))).as("no other candidate").isNull();
        assertThat(Fallbacks.narrowed(request(Delivery.ALL, null), sendOn(Channel.EMAIL), both)).as("ALL").isNull();
        assertThat(Fallbacks.narrowed(request(Delivery.FIRST_AVAILABLE, "someone@example.fr"), sendOn(Channel.EMAIL),
                both)).as("an explicit recipient").isNull();
        assertThat(Fallbacks.narrowed(request(Delivery.FIRST_AVAILABLE, null), new Decision.Expire(), both)).isNull();
    }

    @Test
    void theFailedSendsEntryIsLeftOutOnceAndOnlyIt() {
        SentMessage failed = new SentMessage(AT, "orders", true);
        SentMessage other = new SentMessage(AT, "promotions", true);
        SentMessage earlier = new SentMessage(AT.minusSeconds(60), "orders", true);
        List<SentMessage> history = List.of(earlier, other, failed);

        assertThat(Fallbacks.withoutFailedSend(history, "orders", AT)).containsExactly(earlier, other);
        assertThat(Fallbacks.withoutFailedSend(history, "orders", AT.plusMillis(1))).isEqualTo(history);
        assertThat(Fallbacks.key("r-1", "EMAIL")).isNotEqualTo(Fallbacks.key("r-1", "SMS")).startsWith("r-1");
    }

    private static Decision sendOn(Channel channel) {
        return new Decision.Send(List.of(new Decision.Delivery(channel, "address", null)), List.of());
    }

    private static SendMessage request(Delivery delivery, String recipient) {
        return SendMessage.newBuilder().setRequestId("r-1").setCustomerId("c-1").setTopic("orders")
                .setDelivery(delivery).setRecipientAddress(recipient).setCampaignId("spring")
                .setVariables(Map.of("code", "42")).setExpiresAt(AT.plusSeconds(3600))
                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("S").setText("E").build(),
                        "SMS", MessageContent.newBuilder().setText("T").build(),
                        "MAIL", MessageContent.newBuilder().setText("L").build()))
                .build();
    }
}
