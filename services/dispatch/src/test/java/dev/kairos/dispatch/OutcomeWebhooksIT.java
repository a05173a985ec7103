package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.dispatch.webhooks.WebhookRetries;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageSent;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outcomes reach a campaign system's webhook endpoint ({@link WebhookReceiver}, a real HTTP server) from the real
 * broker, signed, retried on 503 while other endpoints and outcomes go on, and set aside on the dead-letter topic on
 * 400 at once, or after the retry period (15 s here) on 503. Runs in {@link DecisionFlowContext}'s dispatch, whose
 * endpoint {@code it-crm} selects the request ids starting with {@link #PREFIX}, and {@code it-flaky} (path
 * {@code /flaky}) those starting with {@link #FLAKY_PREFIX}, which it-crm selects too.
 */
class OutcomeWebhooksIT extends DecisionFlowContext {

    static final String PREFIX = "webhook-" + RUN + ":";
    static final String FLAKY_PREFIX = PREFIX + "flaky-";
    private static final String FLAKY = "/flaky";

    private static final WebhookReceiver RECEIVER = WebhookReceiver.shared();

    @Autowired
    WebhookRetries retries;

    @Test
    void anOutcomeOfTheEngineArrivesSignedAndBothSignaturesVerify() throws Exception {
        String requestId = PREFIX + "rejected";
        // A topic the catalogue does not have: the engine rejects the request, and its outcome goes to the endpoint.
        publish(topics.name("requests"), "c-" + RUN, KairosSerdes.sendMessage().encode(SendMessage.newBuilder()
                .setRequestId(requestId).setCustomerId("c-" + RUN).setTopic("no-such-topic-" + RUN).build()));

        WebhookReceiver.Post post = awaitPosts(requestId, 1).get(0);

        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.json().path("type").asText()).isEqualTo("message.rejected");
        assertThat(post.json().path("data").path("status").asText()).isEqualTo("REJECTED");
        assertThat(post.json().path("data").path("reasons").get(0).asText()).isEqualTo("INVALID_REQUEST");
        String id = post.header("webhook-id");
        String timestamp = post.header("webhook-timestamp");
        assertThat(id).isEqualTo(post.json().path("data").path("eventId").asText());
        // Standard Webhooks: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">, computed here as a receiver does.
        String expected = "v1," + Base64.getEncoder().encodeToString(hmac(id + "." + timestamp + ".", post.body()));
        assertThat(MessageDigest.isEqual(post.header("webhook-signature").getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(post.header("Kairos-Signature"))
                .isEqualTo("t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(timestamp + ".", post.body())));
        assertThat(meters.get("kairos.dispatch.webhook.deliveries").tag("endpoint", "it-crm").counter().count())
                .isPositive();
    }

    @Test
    void aServiceUnavailableIsTriedAgainAndTheOutcomeArrivesOnce() throws Exception {
        String requestId = PREFIX + "retried";
        RECEIVER.script(requestId, 503);

        publish(topics.name("outcomes"), "c-" + RUN, sent(requestId, "c-" + RUN));

        List<WebhookReceiver.Post> posts = awaitPosts(requestId, 2);
        assertThat(posts).extracting(WebhookReceiver.Post::answered).containsExactly(503, 200);
        assertThat(posts).extracting(p -> p.header("webhook-id")).containsOnly(posts.get(0).header("webhook-id"));
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> RECEIVER.posts(requestId).size() == 2);
        assertThat(meters.get("kairos.dispatch.webhook.retries").tag("endpoint", "it-crm").counter().count())
                .isPositive();
    }

    @Test
    void retriesGoOnAfterTheApplicationIsStoppedAndStartedAgain() throws Exception {
        // As Spring stops a context and starts it again (its test cache pauses a context it does not use).
        retries.stop();
        retries.start();
        String requestId = PREFIX + "retried-after-restart";
        RECEIVER.script(requestId, 503);

        publish(topics.name("outcomes"), "c-" + RUN, sent(requestId, "c-" + RUN));

        assertThat(awaitPosts(requestId, 2)).extracting(WebhookReceiver.Post::answered).containsExactly(503, 200);
    }

    @Test
    void aBadRequestIsADeadLetterWithItsCauseAndTheNextOutcomeStillArrives() throws Exception {
        String customer = "c-refused-" + RUN;
        String refused = PREFIX + "refused";
        String next = PREFIX + "after-refused";
        RECEIVER.script(refused, 400);
        byte[] refusedOutcome = sent(refused, customer);

        publish(topics.name("outcomes"), customer, refusedOutcome);
        publish(topics.name("outcomes"), customer, sent(next, customer));

        assertThat(awaitPosts(next, 1).get(0).answered()).isEqualTo(200);
        assertThat(RECEIVER.posts(refused)).extracting(WebhookReceiver.Post::answered).containsExactly(400);
        try (TopicReader deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("dead-letters"))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitAtLeast(customer, 1).get(0);
            assertThat(letter.value()).isEqualTo(refusedOutcome);
            assertThat(header(letter, "kairos-dlq-webhook")).isEqualTo("it-crm");
            assertThat(header(letter, "kairos-dlq-cause")).isEqualTo("webhook it-crm permanent: HTTP 400");
            assertThat(header(letter, "kairos-dlq-topic")).isEqualTo(topics.name("outcomes"));
        }
        assertThat(meters.get("kairos.dispatch.webhook.failures").tags("endpoint", "it-crm", "permanent", "true")
                .counter().count()).isPositive();
    }

    @Test
    void anEndpointDownHoldsNoOtherEndpointAndGetsEveryOutcomeOnceItIsBack() throws Exception {
        List<String> requestIds = IntStream.range(0, 4).mapToObj(i -> FLAKY_PREFIX + "outage-" + i).toList();
        RECEIVER.down(FLAKY, true);
        try {
            Instant published = Instant.now();
            publishAll(requestIds.stream().map(id -> new ProducerRecord<>(topics.name("outcomes"), "c-" + id,
                    sent(id, "c-" + id))).toList());

            // it-crm has every outcome within seconds, while it-flaky is still answering 503 to each of them (retried
            // in place, the first outcome alone held every endpoint for all of its retries).
            await().atMost(Duration.ofSeconds(10)).until(() -> requestIds.stream()
                    .allMatch(id -> RECEIVER.posts(id).stream().anyMatch(p -> p.answered() == 200)));
            assertThat(Duration.between(published, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(requestIds).allSatisfy(id -> assertThat(RECEIVER.posts(FLAKY, id))
                    .extracting(WebhookReceiver.Post::answered).containsOnly(503));
        } finally {
            RECEIVER.down(FLAKY, false);
        }

        // Back up: every outcome arrives, once, within the retry period.
        await().atMost(Duration.ofSeconds(30)).until(() -> requestIds.stream()
                .allMatch(id -> RECEIVER.posts(FLAKY, id).stream().anyMatch(p -> p.answered() == 200)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> requestIds.stream()
                .allMatch(id -> RECEIVER.posts(FLAKY, id).stream().filter(p -> p.answered() == 200).count() == 1
                        && RECEIVER.posts(id).size() == 1));
        assertThat(meters.get("kairos.dispatch.webhook.retries").tag("endpoint", "it-flaky").counter().count())
                .isPositive();
    }

    @Test
    void aDeliveryStillFailingAfterTheRetryPeriodIsADeadLetterAndTheNextOutcomesStillArrive() throws Exception {
        String customer = "c-expiring-" + RUN;
        String expiring = FLAKY_PREFIX + "expiring";
        String next = FLAKY_PREFIX + "after-expiring";
        RECEIVER.script(FLAKY, expiring, IntStream.range(0, 100).mapToObj(i -> 503).toArray(Integer[]::new));
        byte[] expiringOutcome = sent(expiring, customer);

        publish(topics.name("outcomes"), customer, expiringOutcome);
        publish(topics.name("outcomes"), customer, sent(next, customer));

        // The next outcome (same customer, same partition) arrives while the failing one is still retried.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RECEIVER.posts(FLAKY, next).stream().anyMatch(p -> p.answered() == 200));
        try (TopicReader deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("dead-letters"))) {
            ConsumerRecord<String, byte[]> letter = deadLetters.awaitRecord(customer,
                    r -> r.headers().lastHeader("kairos-dlq-webhook") != null && "it-flaky".equals(header(r, "kairos-dlq-webhook")));
            assertThat(letter.value()).isEqualTo(expiringOutcome);
            assertThat(header(letter, "kairos-dlq-cause")).isEqualTo("webhook it-flaky retries exhausted: HTTP 503");
            assertThat(header(letter, "kairos-dlq-topic")).isEqualTo(topics.name("outcomes"));
        }
        List<WebhookReceiver.Post> calls = RECEIVER.posts(FLAKY, expiring);
        assertThat(calls).extracting(WebhookReceiver.Post::answered).containsOnly(503);
        // Tried again and again over the 15 s from its first failure, not given up at the first few calls: the
        // last call falls within a 2 s wait (max-backoff) of the end.
        assertThat(calls.size()).isGreaterThanOrEqualTo(5);
        assertThat(Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at()))
                .isGreaterThan(Duration.ofSeconds(12));
        assertThat(RECEIVER.posts(expiring)).extracting(WebhookReceiver.Post::answered).containsExactly(200);
        assertThat(meters.get("kairos.dispatch.webhook.failures").tags("endpoint", "it-flaky", "permanent", "false")
                .counter().count()).isPositive();
    }

    private static List<WebhookReceiver.Post> awaitPosts(String requestId, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> RECEIVER.posts(requestId).size() >= count);
        return RECEIVER.posts(requestId);
    }

    private static byte[] sent(String requestId, String customer) {
        return KairosSerdes.messageOutcome().encode(MessageOutcome.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setRequestId(requestId).setCustomerId(customer)
                .setTopic("promotions").setOccurredAt(Instant.now())
                .setOutcome(new MessageSent(Channel.EMAIL, "<" + requestId + "@kairos.localhost>")).build());
    }

    private static void publish(String topic, String key, byte[] value) throws Exception {
        publishAll(List.of(new ProducerRecord<>(topic, key, value)));
    }

    private static void publishAll(List<ProducerRecord<String, byte[]>> records) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static byte[] hmac(String prefix, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WebhookReceiver.SECRET, "HmacSHA256"));
        mac.update(prefix.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal(body);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
