package dev.kairos.platform.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.sms.SmsText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator from a plain jSMPP client, as an SMSC's customer sees it. */
class SmscSimulatorTest {

    @TempDir
    Path conversations;

    SmscSimulator smsc;
    HandsetConsole console;
    SMPPSession client;
    final List<DeliverSm> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        if (client != null) {
            client.unbindAndClose();
        }
        console.close();
        smsc.close();
    }

    @Test
    void aLongTextIsReassembledAndItsLastPartGetsADeliveryReceipt() throws Exception {
        bind();
        String text = "Réponse : " + "é".repeat(200);
        SmsText.Encoded encoded = SmsText.encode(text, 9);
        String last = null;
        for (int i = 0; i < encoded.parts().size(); i++) {
            boolean isLast = i == encoded.parts().size() - 1;
            last = client.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "36111",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "33612345678",
                    new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT, GSMSpecificFeature.UDHI), (byte) 0, (byte) 0,
                    null, null, new RegisteredDelivery(isLast ? SMSCDeliveryReceipt.SUCCESS_FAILURE
                            : SMSCDeliveryReceipt.DEFAULT), (byte) 0,
                    DataCodings.newInstance(encoded.alphabet().dataCoding()), (byte) 0, encoded.parts().get(i))
                    .getMessageId();
        }

        assertThat(smsc.deliveredTo("+33612345678")).singleElement().satisfies(t -> {
            assertThat(t.text()).isEqualTo(text);
            assertThat(t.from()).isEqualTo("36111");
            assertThat(t.parts()).isEqualTo(encoded.parts().size());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        DeliverSm receipt = received.get(0);
        assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
        assertThat(receipt.getOptionalParameter(OptionalParameter.Receipted_message_id.class).getValueAsString())
                .isEqualTo(last);
        assertThat(receipt.getShortMessageAsDeliveryReceipt().getFinalStatus().name()).isEqualTo("DELIVRD");
        assertThat(Files.readString(conversations.resolve("+33612345678.txt"))).contains("36111 -> +33612345678  Réponse");
    }

    @Test
    void aHandsetPlayedOverHttpAnswersTheShortCodeThatTextedIt() throws Exception {
        bind();
        client.submitShortMessage("", TypeOfNumber.NETWORK_SPECIFIC, NumberingPlanIndicator.UNKNOWN, "36111",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "33612345678", new ESMClass(), (byte) 0,
                (byte) 0, null, null, new RegisteredDelivery(), (byte) 0, DataCodings.ZERO, (byte) 0,
                "Promo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + console.port() + "/handsets/+33612345678"))
                .POST(HttpRequest.BodyPublishers.ofString("ARRÊT")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        DeliverSm text = received.get(0);
        assertThat(text.isSmscDeliveryReceipt()).isFalse();
        assertThat(text.getSourceAddr()).isEqualTo("33612345678");
        assertThat(text.getDestAddress()).isEqualTo("36111");
        assertThat(SmsText.decode(text.getDataCoding(), text.getShortMessage(), text.isUdhi()).text()).isEqualTo("ARRÊT");
        assertThat(answer.body()).contains(text.getOptionalParameter(OptionalParameter.Receipted_message_id.class)
                .getValueAsString());
    }

    @Test
    void aWrongPasswordIsRefused() {
        start();
        SMPPSession intruder = new SMPPSession();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> intruder.connectAndBind("127.0.0.1", smsc.port(),
                new BindParameter(BindType.BIND_TRX, "kairos", "nope", "", TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null))).hasMessageContaining("negative");
        assertThat(smsc.binds()).isZero();
    }

    private void start() {
        smsc = SmscSimulator.start(0, "kairos", "secret", conversations);
        console = HandsetConsole.start(smsc, 0);
    }

    private void bind() throws Exception {
        start();
        client = new SMPPSession();
        client.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        client.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "kairos", "secret", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        await().atMost(Duration.ofSeconds(5)).until(smsc::hasReceiver);
    }
}
