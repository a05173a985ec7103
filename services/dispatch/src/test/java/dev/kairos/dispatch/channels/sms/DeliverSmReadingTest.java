package dev.kairos.dispatch.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.proto.dispatch.SmsDeliveryReceipt;
import dev.kairos.proto.dispatch.SmsFromHandset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;

class DeliverSmReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void aTextFromAHandsetIsKeptUnderItsNumberWithTheSmscsId() {
        DeliverSm pdu = text((byte) 0x08, "ARRÊT".getBytes(StandardCharsets.UTF_16BE));
        pdu.setOptionalParameters(new OptionalParameter.Receipted_message_id("mo-1"));

        DeliverSmReading.Kept kept = DeliverSmReading.read(pdu, NOW);

        assertThat(kept.key()).isEqualTo("+33612345678");
        assertThat(kept.received().getSmscMessageId()).isEqualTo("mo-1");
        assertThat(kept.received().getReceivedAt()).isEqualTo(NOW);
        assertThat(kept.received().getReceived()).isEqualTo(new SmsFromHandset("+33612345678", "36111", "ARRÊT"));
    }

    @Test
    void aTextWithoutAnSmscIdGetsOneMadeUp() {
        DeliverSmReading.Kept kept = DeliverSmReading.read(text((byte) 0x00, new byte[] {0x53, 0x54, 0x4F, 0x50}), NOW);

        assertThat(kept.received().getSmscMessageId()).startsWith("dispatch-");
        assertThat(((SmsFromHandset) kept.received().getReceived()).getText()).isEqualTo("STOP");
    }

    @Test
    void aReceiptIsReadFromItsParametersFirst() {
        DeliverSm pdu = receipt("id:0000 sub:001 dlvrd:000 submit date:2611231015 done date:2611231016 stat:UNDELIV err:000");
        pdu.setOptionalParameters(new OptionalParameter.Receipted_message_id("a1b2"),
                new OptionalParameter.Message_state((byte) 2));

        DeliverSmReading.Kept kept = DeliverSmReading.read(pdu, NOW);

        assertThat(kept.key()).isEqualTo("a1b2");
        assertThat(kept.received().getSmscMessageId()).isEqualTo("a1b2");
        assertThat(kept.received().getReceived()).isEqualTo(new SmsDeliveryReceipt("DELIVRD", "000"));
    }

    @Test
    void aReceiptWithoutParametersIsReadFromItsText() {
        DeliverSm pdu = receipt("id:7731 sub:001 dlvrd:000 submit date:2611231015 done date:2611231016 stat:EXPIRED "
                + "err:027 Text:Votre code");

        DeliverSmReading.Kept kept = DeliverSmReading.read(pdu, NOW);

        assertThat(kept.received().getSmscMessageId()).isEqualTo("7731");
        assertThat(kept.received().getReceived()).isEqualTo(new SmsDeliveryReceipt("EXPIRED", "027"));
    }

    @Test
    void aReceiptThatNamesNoMessageIsRefused() {
        assertThatThrownBy(() -> DeliverSmReading.read(receipt("stat:DELIVRD"), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DeliverSm text(byte dataCoding, byte[] message) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddrTon((byte) 0x01);
        pdu.setSourceAddr("33612345678");
        pdu.setDestAddrTon((byte) 0x03);
        pdu.setDestAddress("36111");
        pdu.setDataCoding(dataCoding);
        pdu.setShortMessage(message);
        return pdu;
    }

    private static DeliverSm receipt(String text) {
        DeliverSm pdu = text((byte) 0x00, text.getBytes(StandardCharsets.US_ASCII));
        pdu.setSmscDeliveryReceipt();
        return pdu;
    }
}
