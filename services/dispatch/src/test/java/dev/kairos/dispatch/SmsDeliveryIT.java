package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.smsc.SmscSimulator;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.HelpKeywordReceived;
import dev.kairos.proto.dispatch.MessageDelivered;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SMS channel end against the SMSC simulator over real SMPP and a real broker: keyword texts from handsets
 * become channel signals (which compliance's own ChannelSignalsIT shows withdrawing SMS marketing) and get
 * exactly one reply, even when the SMSC delivers them twice; a delivery receipt becomes an outcome; a long
 * French text arrives whole; a lost bind is bound again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmsDeliveryIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHORT_CODE = "36111";
    private static final SmscSimulator SMSC = SmscSimulator.start(0, "kairos", "it" + RUN.substring(0, 6), null);
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** 300 characters of French, some outside the GSM alphabet: five UCS-2 parts. */
    private static final String FRENCH_300 = ("Bonjour Camille, votre commande n°4521 est prête : retrait en magasin dès "
            + "demain 9 h, ou livraison à domicile jeudi. Pensez à vérifier l'adresse : 12 rue de la Forêt, "
            + "69003 Lyon. Une question ? Répondez à ce message ou appelez le 04 72 00 00 00. Merci de votre "
            + "confiance, à très bientôt ! Le service client, ça c'est sûr. Bon été !!!").substring(0, 300);

    @Autowired
    TopicsProperties topics;

    @Value("${kairos.sms.replies.opt-out.fr}")
    String optOutFr;

    @Value("${kairos.sms.replies.help.fr}")
    String helpFr;

    @Value("${kairos.sms.replies.help.en}")
    String helpEn;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        registry.add("kairos.channels.mode", () -> "remote");
        registry.add("kairos.channels.sink-dir", () -> tempDir("sinks").toString());
        registry.add("kairos.sms.smpp.host", () -> "127.0.0.1");
        registry.add("kairos.sms.smpp.port", SMSC::port);
        registry.add("kairos.sms.smpp.password", () -> "it" + RUN.substring(0, 6));
        registry.add("kairos.sms.smpp.source-address", () -> SHORT_CODE);
        registry.add("kairos.sms.smpp.reconnect-min", () -> "100ms");
        registry.add("kairos.sms.smpp.reconnect-max", () -> "1s");
        registry.add("kairos.channels.providers.smpp.initial-backoff", () -> "100ms");
        registry.add("kairos.channels.providers.smpp.max-backoff", () -> "1s");
        registry.add("kairos.dispatch.state-dir", () -> tempDir("state").toString());
        registry.add("kairos.dispatch.application-id", () -> "dispatch-sms-it-" + RUN);
        PriorityLaneTopics.register(registry, RUN);
        for (String topic : List.of("requests", "outcomes", "send-sms", "channel-signals", "sms-inbound",
                "sms-submissions")) {
            registry.add("kairos.topics.catalogue." + topic + ".name", () -> "sms-it-" + RUN + "." + topic);
        }
    }

    @AfterAll
    static void stopSmsc() {
        SMSC.close();
    }

    @BeforeEach
    void bound() {
        await().atMost(PATIENCE).until(SMSC::hasReceiver);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Stop|STOP", "' stop '|STOP", "ARRÊT|ARRET", "Opt-Out|OPTOUT", "optout|OPTOUT"})
    void eachOptOutTextBecomesAStopSignalAndGetsExactlyOneConfirmationThoughDeliveredTwice(String text, String keyword) {
        String phone = frenchNumber();

        String smscId = SMSC.sendFromHandset(phone, SHORT_CODE, text);
        SMSC.redeliver(smscId);
        // Texts of one handset are handled in order: once this HELP is answered, both deliveries of the
        // opt-out have been.
        SMSC.sendFromHandset(phone, SHORT_CODE, "HELP");

        await().atMost(PATIENCE).until(() -> SMSC.deliveredTo(phone).size() >= 2);
        assertThat(SMSC.deliveredTo(phone)).extracting(SmscSimulator.Text::text)
                .containsExactly(optOutFr, helpFr);
        assertThat(SMSC.deliveredTo(phone)).allSatisfy(t -> assertThat(t.from()).isEqualTo(SHORT_CODE));
        List<ChannelSignal> signals = signals(phone, s -> s.stream().anyMatch(x -> x.getSignal() instanceof HelpKeywordReceived));
        ChannelSignal stop = signals.stream().filter(s -> s.getSignal() instanceof StopKeywordReceived).findFirst()
                .orElseThrow();
        assertThat(((StopKeywordReceived) stop.getSignal()).getKeyword()).isEqualTo(keyword);
        assertThat(stop.getChannel()).isEqualTo(Channel.SMS);
        assertThat(stop.getAddress()).isEqualTo(phone);
        assertThat(stop.getAddressHmac()).isEqualTo(HMAC.of(phone));
        assertThat(stop.getRawText()).isEqualTo(text);
        assertThat(signals.stream().filter(s -> s.getSignal() instanceof StopKeywordReceived)
                .map(ChannelSignal::getEventId).distinct()).as("one opt-out, one event").hasSize(1);
    }

    @Test
    void helpGetsTheWholeHelpReplyAndIsNoOptOut() {
        String phone = "+1555" + String.format("%07d", NUMBERS.incrementAndGet());

        SMSC.sendFromHandset(phone, SHORT_CODE, "help");

        await().atMost(PATIENCE).until(() -> !SMSC.deliveredTo(phone).isEmpty());
        assertThat(SMSC.deliveredTo(phone)).extracting(SmscSimulator.Text::text).containsExactly(helpEn);
        assertThat(helpEn).contains("Kairos", "msgs/month", "support@", "Msg & data rates may apply", "STOP");
        List<ChannelSignal> signals = signals(phone, s -> !s.isEmpty());
        assertThat(signals).singleElement().satisfies(s ->
                assertThat(s.getSignal()).isEqualTo(new HelpKeywordReceived("HELP")));
    }

    @Test
    void aLongFrenchTextArrivesWholeAndItsDeliveryReceiptBecomesMessageDelivered() throws Exception {
        String phone = frenchNumber();
        String customer = "c-sms-" + RUN + "-" + NUMBERS.incrementAndGet();
        String requestId = "sms-it-" + RUN + "-long";

        queue(send(requestId, customer, phone, FRENCH_300));

        await().atMost(PATIENCE).until(() -> !SMSC.deliveredTo(phone).isEmpty());
        SmscSimulator.Text received = SMSC.deliveredTo(phone).get(0);
        assertThat(received.text()).isEqualTo(FRENCH_300);
        assertThat(received.parts()).isEqualTo(5);
        List<MessageOutcome> outcomes = outcomes(customer, o -> o.getOutcome() instanceof MessageDelivered);
        MessageSent sent = (MessageSent) outcomes.stream().filter(o -> o.getOutcome() instanceof MessageSent)
                .findFirst().orElseThrow().getOutcome();
        MessageOutcome delivered = outcomes.stream().filter(o -> o.getOutcome() instanceof MessageDelivered)
                .findFirst().orElseThrow();
        assertThat(delivered.getRequestId()).isEqualTo(requestId);
        assertThat(((MessageDelivered) delivered.getOutcome()).getProviderMessageId())
                .isEqualTo(sent.getProviderMessageId()).isEqualTo(received.smscMessageId());
    }

    @Test
    void anUndeliverableReceiptBecomesAPermanentDeliveryFailure() throws Exception {
        String phone = frenchNumber();
        String customer = "c-sms-" + RUN + "-" + NUMBERS.incrementAndGet();
        SMSC.failDeliveriesTo(phone);

        queue(send("sms-it-" + RUN + "-undeliverable", customer, phone, "Votre code : 4521"));

        MessageOutcome failed = outcomes(customer, o -> o.getOutcome() instanceof DeliveryFailed).stream()
                .filter(o -> o.getOutcome() instanceof DeliveryFailed).findFirst().orElseThrow();
        assertThat(((DeliveryFailed) failed.getOutcome()).getPermanent()).isTrue();
        assertThat(((DeliveryFailed) failed.getOutcome()).getReason()).contains("UNDELIV");
    }

    @Test
    void aLostBindIsBoundAgainAndTextsGoOn() throws Exception {
        int binds = SMSC.binds();

        SMSC.dropBinds();

        await().atMost(PATIENCE).until(() -> SMSC.binds() > binds && SMSC.hasReceiver());
        String phone = frenchNumber();
        String customer = "c-sms-" + RUN + "-" + NUMBERS.incrementAndGet();
        queue(send("sms-it-" + RUN + "-after-rebind", customer, phone, "Après la coupure"));
        await().atMost(PATIENCE).until(() -> !SMSC.deliveredTo(phone).isEmpty());
    }

    private List<ChannelSignal> signals(String phone, Predicate<List<ChannelSignal>> condition) {
        try (TopicReader reader = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("channel-signals"))) {
            return reader.awaitValues(HMAC.of(phone), KairosSerdes.channelSignal()::decode, condition);
        }
    }

    private List<MessageOutcome> outcomes(String customer, Predicate<MessageOutcome> wanted) {
        try (TopicReader reader = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("outcomes"))) {
            return reader.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    list -> list.stream().anyMatch(wanted));
        }
    }

    private void queue(SendApproved send) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("send-sms"), send.getCustomerId(),
                    KairosSerdes.sendApproved().encode(send))).get();
        }
    }

    private static SendApproved send(String requestId, String customer, String phone, String text) {
        return SendApproved.newBuilder().setRequestId(requestId).setCustomerId(customer).setTopic("orders")
                .setCategory(TopicCategory.SERVICE).setChannel(Channel.SMS).setAddress(phone).setLocale("fr-FR")
                .setText(text).setDecidedAt(Instant.now()).build();
    }

    private static String frenchNumber() {
        return "+3361" + String.format("%07d", NUMBERS.incrementAndGet());
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("kairos-sms-it-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
