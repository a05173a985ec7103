package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.ChannelStatus;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.dispatch.MessageStatus;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status a request answers with, whichever of its arrival and its first outcome is folded first. */
class StatusFoldTest {

    /** Creating a serde makes Avro trust the generated classes, as the engine does before any record. */
    private static final List<Object> TRUSTED = List.of(KairosSerdes.sendMessage(),
            AvroSerde.of(MessageStatus.class));

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static final SendMessage REQUEST = SendMessage.newBuilder().setRequestId("r-1").setCustomerId("c-1")
            .setTopic("promotions").build();

    private static final MessageOutcome SUPPRESSED = Effects.outcome(REQUEST, NOW, null,
            new MessageSuppressed(List.of("NO_CONSENT"), null));

    @Test
    void aRequestThatArrivedButIsNotDecidedIsAccepted() {
        var status = StatusFold.apply(StatusInput.accepted(REQUEST, NOW), StatusFold.initial());

        assertThat(status.getStatus()).isEqualTo("ACCEPTED");
        assertThat(status.getRequestId()).isEqualTo("r-1");
        assertThat(status.getHistory()).isEmpty();
    }

    @Test
    void theOutcomeWinsWhicheverArrivesFirst() {
        var arrivalFirst = StatusFold.apply(StatusInput.of(SUPPRESSED),
                StatusFold.apply(StatusInput.accepted(REQUEST, NOW), StatusFold.initial()));
        var outcomeFirst = StatusFold.apply(StatusInput.accepted(REQUEST, NOW),
                StatusFold.apply(StatusInput.of(SUPPRESSED), StatusFold.initial()));

        assertThat(arrivalFirst.getStatus()).isEqualTo("SUPPRESSED");
        assertThat(outcomeFirst).isEqualTo(arrivalFirst);
    }

    @Test
    void theInternalEncodingKeepsBothKinds() {
        var serde = StatusInput.serde();
        StatusInput accepted = StatusInput.accepted(REQUEST, NOW);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", accepted))).isEqualTo(accepted);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", StatusInput.of(SUPPRESSED)))
                .outcome()).isEqualTo(SUPPRESSED);
    }

    /** A failed channel's fallback (ADR 0048): the request goes on, and ends as the channel that took it. */
    @Test
    void aFailureFollowedByASendOnAnotherChannelEndsSentOnThatChannel() {
        MessageOutcome failed = Effects.outcome(REQUEST, NOW, null,
                new DeliveryFailed(Channel.EMAIL, "550 5.1.1 no such mailbox", true));
        MessageOutcome sent = Effects.outcome(REQUEST, NOW.plusSeconds(2), null, new MessageSent(Channel.SMS, "smsc-1"));

        var status = StatusFold.apply(StatusInput.of(sent), StatusFold.apply(StatusInput.of(failed),
                StatusFold.apply(StatusInput.accepted(REQUEST, NOW), StatusFold.initial())));

        assertThat(status.getStatus()).isEqualTo("SENT");
        assertThat(status.getChannel()).isEqualTo(Channel.SMS);
        assertThat(status.getReasons()).isEmpty();
        assertThat(status.getHistory()).extracting(o -> o.getOutcome().getClass().getSimpleName())
                .containsExactly("DeliveryFailed", "MessageSent");
        assertThat(status.getChannels()).containsExactly(
                new ChannelStatus(Channel.EMAIL, "FAILED", List.of("550 5.1.1 no such mailbox")),
                new ChannelStatus(Channel.SMS, "SENT", List.of()));
    }
}
