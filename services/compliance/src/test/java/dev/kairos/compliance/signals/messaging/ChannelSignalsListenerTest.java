package dev.kairos.compliance.signals.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.signals.ReceivedSignal;
import dev.kairos.compliance.signals.SignalType;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.HardBounced;
import dev.kairos.proto.dispatch.MailReturned;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChannelSignalsListenerTest {

    /** Creating a serde trusts the generated classes of its record (Avro 1.12), which building one needs. */
    private static final AvroSerde<ChannelSignal> SERDE = KairosSerdes.channelSignal();

    private static final Instant RECEIVED = Instant.parse("2026-11-24T08:30:00Z");

    @Test
    void aStopKeepsItsKeywordAndRawText() {
        ReceivedSignal signal = ChannelSignalsListener.signal(record(dev.kairos.proto.common.Channel.SMS, "+33612345678",
                " Arrêt ", new StopKeywordReceived("ARRET")));

        assertThat(signal).isEqualTo(new ReceivedSignal("e-1", SignalType.STOP, Channel.SMS, "+33612345678", "ARRET",
                " Arrêt ", RECEIVED));
    }

    @Test
    void failuresMapToTheirTypes() {
        assertThat(ChannelSignalsListener.signal(record(dev.kairos.proto.common.Channel.EMAIL, "a@example.com", null,
                new HardBounced("5.1.1"))).type()).isEqualTo(SignalType.HARD_BOUNCE);
        assertThat(ChannelSignalsListener.signal(record(dev.kairos.proto.common.Channel.MAIL, "A, 1 rue, 75011 Paris, FR",
                null, new MailReturned(null))).channel()).isEqualTo(Channel.MAIL);
    }

    private static ChannelSignal record(dev.kairos.proto.common.Channel channel, String address, String text, Object signal) {
        // Through the wire, as the listener receives it.
        return SERDE.decode(SERDE.encode(ChannelSignal.newBuilder().setEventId("e-1").setAddressHmac("h")
                .setChannel(channel).setAddress(address).setRawText(text).setReceivedAt(RECEIVED).setSignal(signal).build()));
    }
}
