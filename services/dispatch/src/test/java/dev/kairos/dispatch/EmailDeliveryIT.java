package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.dispatch.DeliveryFailed;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.MessageSuppressed;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email sender against a real SMTP server (GreenMail) and a real broker: what a mailbox receives, a DKIM
 * signature checked by an independent verifier (Apache James jDKIM), a 30 s SMTP outage during 1,000 sends ridden
 * out by retries behind an open circuit, and a withdrawal that arrives between the decision and the send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmailDeliveryIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final KeyPair DKIM_KEY = rsaKey();
    private static final GreenMail smtp = startSmtp();
    /** Dispatch reaches the SMTP server through this relay, which the outage test takes down for a while. */
    private static final SmtpOutage SMTP_PATH = new SmtpOutage(freePort(), smtp.getSmtp().getPort());
    private static final int SMTP_PORT = SMTP_PATH.port();
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        Path key = Files.createTempFile("kairos-dkim", ".pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(DKIM_KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        registry.add("kairos.channels.mode", () -> "remote");
        registry.add("kairos.channels.sink-dir", () -> tempDir("sinks").toString());
        registry.add("kairos.email.smtp.host", () -> "127.0.0.1");
        registry.add("kairos.email.smtp.port", () -> SMTP_PORT);
        registry.add("kairos.email.smtp.start-tls", () -> false);
        registry.add("kairos.email.dkim.private-key", () -> "file:" + key);
        registry.add("kairos.email.dkim.selector", () -> "s1");
        registry.add("kairos.email.dkim.domain", () -> "shop.example");
        registry.add("kairos.email.from", () -> "Shop <news@shop.example>");
        registry.add("kairos.links.base-url", () -> "https://prefs.shop.example");
        // Quick retries, enough of them to ride out a 30 s outage (about a second apart at most), so the sends
        // resume within a second of the server's return.
        registry.add("kairos.channels.providers.smtp.initial-backoff", () -> "200ms");
        registry.add("kairos.channels.providers.smtp.max-backoff", () -> "1s");
        registry.add("kairos.channels.providers.smtp.max-attempts", () -> 120);
        registry.add("kairos.channels.providers.smtp.open-for", () -> "1s");
        registry.add("kairos.dispatch.state-dir", () -> tempDir("state").toString());
        registry.add("kairos.dispatch.application-id", () -> "dispatch-email-it-" + RUN);
        PriorityLaneTopics.register(registry, RUN);
        registry.add("kairos.topics.catalogue.requests.name", () -> "dispatch.requests.email-it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.outcomes.name", () -> "dispatch.outcomes.email-it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.send-email.name", () -> "dispatch.internal.send-email.email-it-" + RUN + ".v1");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP_PATH.close();
        smtp.stop();
    }

    @Test
    void aMarketingEmailArrivesPersonalisedWithOneClickUnsubscribeAndAValidDkimSignature() throws Exception {
        String customer = "c-dkim-" + RUN;
        publishCatalogueAndCustomer(customer, ConsentStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(60)).until(() -> new DispatchApi(port).exportOf(customer).has("consents"));
        String requestId = "email-it-" + RUN + "-dkim";

        assertThat(new DispatchApi(port).post("""
                {"requestId": "%s", "customerId": "%s", "topic": "promotions",
                 "content": {"EMAIL": {"subject": "{{salutation}}, -30 %%", "text": "{{salutation}}, à bientôt."}}}"""
                .formatted(requestId, customer)).statusCode()).isEqualTo(202);

        String raw;
        try {
            raw = awaitMail(requestId);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no mail; status " + new DispatchApi(port).status(requestId)
                    + "; received " + smtp.getReceivedMessages().length, e);
        }
        MimeMessage mail = parse(raw);
        assertThat(mail.getSubject()).isEqualTo("Bonjour Camille Durand, -30 %");
        assertThat(GreenMailUtil.getBody(mail)).contains("Bonjour Camille Durand, =C3=A0 bient=C3=B4t.");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(jakarta.mail.internet.MimeUtility.unfold(mail.getHeader("List-Unsubscribe", null)))
                .matches("<https://prefs\\.shop\\.example/u/[A-Za-z0-9_.-]{20,}>, <mailto:unsubscribe@kairos\\.localhost\\?subject=unsubscribe>");

        List<SignatureRecord> signatures = new DKIMVerifier((type, selector, domain) ->
                "s1".contentEquals(selector) && "shop.example".contentEquals(domain)
                        ? List.of("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(DKIM_KEY.getPublic().getEncoded()))
                        : List.of())
                .verify(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(signatures).hasSize(1);
        assertThat(signatures.get(0).getHeaders().stream().map(h -> h.toString().toLowerCase()))
                .contains("list-unsubscribe", "list-unsubscribe-post", "from", "subject");

        MessageOutcome sent = awaitOutcome(customer, o -> o.getRequestId().equals(requestId)
                && o.getOutcome() instanceof MessageSent);
        assertThat(((MessageSent) sent.getOutcome()).getProviderMessageId()).isEqualTo(mail.getMessageID());
    }

    @Test
    void anSmtpServerDown30SecondsDuring1000SendsOpensTheCircuitAndEachMessageArrivesOnce() throws Exception {
        String customer = "c-outage-" + RUN;
        int count = 1_000;
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "email-it-" + RUN + "-outage-" + i).toList();
        double openedBefore = circuitTransitions("OPEN");
        double closedBefore = circuitTransitions("CLOSED");
        int connectionsBefore = SMTP_PATH.connections();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topics.name("send-email"), customer,
                        KairosSerdes.sendApproved().encode(send(ids.get(i), customer, TopicCategory.SERVICE))));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> received(ids).size() > 100);
        SMTP_PATH.down();
        long downAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> circuitTransitions("OPEN") > openedBefore);
        int duringTheOutage = received(ids).size();
        // The outage itself: the server stays away for 30 s, then comes back on the same port.
        Thread.sleep(Math.max(0, Duration.ofSeconds(30).minusNanos(System.nanoTime() - downAt).toMillis()));
        assertThat(received(ids)).as("nothing got through the outage").hasSize(duringTheOutage);
        SMTP_PATH.up();

        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> assertThat(received(ids)).hasSize(count));
        await().atMost(Duration.ofSeconds(30)).until(() -> circuitTransitions("CLOSED") > closedBefore);
        assertThat(duringTheOutage).isLessThan(count);
        Map<String, Long> copies = receivedByMessageId(ids);
        assertThat(copies).as("one Message-ID per message").hasSize(count);
        assertThat(copies.values()).as("copies of each message at the server").containsOnly(1L);
        assertThat(circuitState()).as("the circuit is closed again").isZero();
        // Connections are kept between sends (up to 100 messages each), and opened again after the outage.
        assertThat(SMTP_PATH.connections() - connectionsBefore).as("SMTP connections for %d messages", count)
                .isLessThan(count / 10);
        try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("outcomes"))) {
            List<MessageOutcome> all = outcomes.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    list -> list.stream().filter(o -> o.getOutcome() instanceof MessageSent).count() >= count);
            assertThat(all).noneMatch(o -> o.getOutcome() instanceof DeliveryFailed);
            assertThat(all.stream().filter(o -> o.getOutcome() instanceof MessageSent).map(MessageOutcome::getRequestId))
                    .containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void recordsThatAreNoSendGoToTheDeadLettersAtOnceAndTheQueueGoesOn() throws Exception {
        String customer = "c-garbage-" + RUN;
        String requestId = "email-it-" + RUN + "-after-garbage";
        byte[][] garbage = {"not avro".getBytes(StandardCharsets.UTF_8), new byte[0], {(byte) 0xC3, 0x01, 1, 2}};
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] value : garbage) {
                producer.send(new ProducerRecord<>(topics.name("send-email"), customer, value));
            }
            producer.send(new ProducerRecord<>(topics.name("send-email"), customer, (byte[]) null)); // a tombstone
            producer.send(new ProducerRecord<>(topics.name("send-email"), customer,
                    KairosSerdes.sendApproved().encode(send(requestId, customer, TopicCategory.SERVICE)))).get();
        }

        awaitMail(requestId);
        // Each is moved by the queue itself, with its cause, in the transaction that consumes it (not retried,
        // not rolled back and left to the binder's dead-letter path).
        try (TopicReader letters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("dead-letters"))) {
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> moved = letters.awaitAtLeast(customer, 4);
            assertThat(moved).hasSize(4).allSatisfy(letter -> {
                assertThat(new String(letter.headers().lastHeader("kairos-dlq-topic").value(), StandardCharsets.UTF_8))
                        .isEqualTo(topics.name("send-email"));
                assertThat(new String(letter.headers().lastHeader("kairos-dlq-cause").value(), StandardCharsets.UTF_8))
                        .contains("SerializationException");
            });
        }
    }

    @Test
    void aWithdrawalBetweenDecisionAndSendStopsTheSend() throws Exception {
        String customer = "c-withdrawn-" + RUN;
        publishCatalogueAndCustomer(customer, ConsentStatus.ACTIVE);
        Instant decidedAt = Instant.now();
        publishConsent(customer, ConsentStatus.WITHDRAWN, 2);
        String requestId = "email-it-" + RUN + "-withdrawn";
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("send-email"), customer,
                    KairosSerdes.sendApproved().encode(SendApproved.newBuilder(send(requestId, customer, TopicCategory.MARKETING))
                            .setDecidedAt(decidedAt).build()))).get();
        }

        MessageOutcome outcome = awaitOutcome(customer, o -> o.getRequestId().equals(requestId));
        assertThat(outcome.getOutcome()).isInstanceOf(MessageSuppressed.class);
        assertThat(((MessageSuppressed) outcome.getOutcome()).getReasons()).containsExactly("CONSENT_WITHDRAWN");
        assertThat(Arrays.stream(smtp.getReceivedMessages()).map(EmailDeliveryIT::requestIdOf)).doesNotContain(requestId);
    }

    @Test
    void aWithdrawalPolledWithAnUnreadableConsentRecordStillStopsTheSend() throws Exception {
        String customer = "c-withdrawn-behind-garbage-" + RUN;
        publishCatalogueAndCustomer(customer, ConsentStatus.ACTIVE);
        Instant decidedAt = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            // One batch: a record nobody can read, then the withdrawal, on the same partition.
            producer.send(new ProducerRecord<>(topics.name("consents"), customer, "not a consent".getBytes(StandardCharsets.UTF_8)));
        }
        publishConsent(customer, ConsentStatus.WITHDRAWN, 2);
        String requestId = "email-it-" + RUN + "-withdrawn-behind-garbage";
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("send-email"), customer,
                    KairosSerdes.sendApproved().encode(SendApproved.newBuilder(send(requestId, customer, TopicCategory.MARKETING))
                            .setDecidedAt(decidedAt).build()))).get();
        }

        MessageOutcome outcome = awaitOutcome(customer, o -> o.getRequestId().equals(requestId));
        assertThat(outcome.getOutcome()).isInstanceOf(MessageSuppressed.class);
        assertThat(((MessageSuppressed) outcome.getOutcome()).getReasons()).containsExactly("CONSENT_WITHDRAWN");
    }

    private SendApproved send(String requestId, String customer, TopicCategory category) {
        return SendApproved.newBuilder().setRequestId(requestId).setCustomerId(customer).setTopic("promotions")
                .setCategory(category).setChannel(Channel.EMAIL).setAddress(email(customer)).setLocale("fr-FR")
                .setSubject("Votre commande").setText("Bonjour Camille Durand, votre commande " + requestId)
                .setUnsubscribeUrl(category == TopicCategory.MARKETING ? "https://prefs.shop.example/u/x" : null)
                .setDecidedAt(Instant.now()).build();
    }

    private double circuitTransitions(String toState) {
        return meters.find("kairos.dispatch.provider.circuit.transitions").tag("provider", "smtp").tag("state", toState)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double circuitState() {
        return meters.get("kairos.dispatch.provider.circuit.state").tag("provider", "smtp").gauge().value();
    }

    /** Copies per Message-ID of the given requests, as the server received them. */
    private static Map<String, Long> receivedByMessageId(List<String> ids) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> ids.contains(requestIdOf(m)))
                .map(m -> header(m, "Message-ID"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<String, Long> received(List<String> ids) {
        return Arrays.stream(smtp.getReceivedMessages()).map(EmailDeliveryIT::requestIdOf).filter(ids::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String requestIdOf(MimeMessage m) {
        return header(m, "X-Kairos-Request-Id");
    }

    private static String header(MimeMessage m, String name) {
        try {
            return m.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String awaitMail(String requestId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> requestId.equals(requestIdOf(m))).map(GreenMailUtil::getWholeMessage)
                .findFirst().orElse(null), raw -> raw != null);
    }

    private MessageOutcome awaitOutcome(String customer, java.util.function.Predicate<MessageOutcome> wanted) {
        try (TopicReader outcomes = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("outcomes"))) {
            return outcomes.awaitValues(customer, KairosSerdes.messageOutcome()::decode,
                    list -> list.stream().anyMatch(wanted)).stream().filter(wanted).findFirst().orElseThrow();
        }
    }

    private void publishCatalogueAndCustomer(String customer, ConsentStatus status) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("topics"), "promotions", KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setTopicId("promotions").setName("Promotions").setCategory(TopicCategory.MARKETING)
                            .setPurpose("promotions").setDefaultChannels(List.of(Channel.EMAIL))
                            .setUpdatedAt(Instant.now()).build())));
            producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                    KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                            .setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                            .setVersion(1).setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                            .setJurisdiction("FR")
                            .setFormOfAddress(FormOfAddress.newBuilder().setTitle(Title.NONE).setGivenName("Camille")
                                    .setFamilyName("Durand").build())
                            .setContactPoints(ContactPoints.newBuilder().setEmail(email(customer)).build())
                            .build()))).get();
        }
        publishConsent(customer, status, 1);
    }

    private void publishConsent(String customer, ConsentStatus status, long version) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topics.name("consents"), customer, KairosSerdes.consentState()
                    .encode(ConsentState.newBuilder().setEventId(UUID.randomUUID().toString()).setCustomerId(customer)
                            .setVersion(version).setUpdatedAt(Instant.now())
                            .setConsents(List.of(ChannelConsent.newBuilder().setChannel(Channel.EMAIL)
                                    .setPurpose("promotions").setStatus(status).setBasis(LegalBasis.OPT_IN)
                                    .setAddressHmac(HMAC.of(email(customer))).setEntryId("entry-" + version).build()))
                            .build()))).get();
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class));
    }

    private static MimeMessage parse(String raw) throws Exception {
        return new MimeMessage(null, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String email(String customer) {
        return customer + "@example.fr";
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("kairos-email-it-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
