package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.dispatch.instances.InstanceCredential;
import dev.kairos.dispatch.instances.InstanceForwarder;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two dispatch instances share the work; a campaign system may ask either for any request's status, and
 * compliance either for any customer's data, and the one asked fetches it from the one holding it, with the
 * instances' own credential rather than the caller's token.
 */
class StatusFromAnyInstanceIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "it-any-" + RUN;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstances() throws Exception {
        first = instance("a");
        publishCatalogueEntry(first.getBean(TopicsProperties.class));
        second = instance("b");
        await().atMost(Duration.ofMinutes(2)).until(() -> ready(first) && ready(second));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void eitherInstanceAnswersForEveryRequest() throws Exception {
        List<String> requests = IntStream.range(0, 12).mapToObj(i -> "any-" + RUN + ":" + i).toList();
        for (int i = 0; i < requests.size(); i++) {
            HttpResponse<String> accepted = post(first, requests.get(i), "c-any-" + RUN + "-" + i);
            assertThat(accepted.statusCode()).isEqualTo(202);
        }

        for (String request : requests) {
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(instance, request).body())
                        .contains("\"requestId\":\"" + request + "\"")
                        .contains("\"status\":\"SUPPRESSED\""));
            }
        }
    }

    @Test
    void eitherInstanceExportsEveryCustomersData() throws Exception {
        List<String> customers = IntStream.range(0, 12).mapToObj(i -> "c-export-" + RUN + "-" + i).toList();
        publishPreferences(first.getBean(TopicsProperties.class), customers);
        assertThat(get(first, "/api/v1/customers/" + customers.get(0) + "/data-export", "consents:read").statusCode())
                .as("reading consents is not a data-subject export").isEqualTo(403);

        // Each instance holds some customers only: the other one's answer must come from the holder.
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.stream().anyMatch(c ->
                first.getBean(DispatchQueries.class).holderOfCustomer(c) instanceof DispatchQueries.Holder.There));
        for (String customer : customers) {
            for (ConfigurableApplicationContext instance : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> export = get(instance, "/api/v1/customers/" + customer + "/data-export",
                            "subjects:export");
                    assertThat(export.statusCode()).isEqualTo(200);
                    assertThat(export.body()).contains("\"customerId\":\"" + customer + "\"")
                            .contains("\"contact-preferences\"").contains(customer + "@example.fr");
                });
            }
        }
    }

    @Test
    void aForwardedReadIsAuthenticatedByTheInstancesCredentialAloneNeverByACallersToken() throws Exception {
        String requestId = "unknown-" + RUN;
        ConfigurableApplicationContext holder = first.getBean(DispatchQueries.class).holderOfStatus(requestId)
                instanceof DispatchQueries.Holder.Here ? first : second;
        String path = "/api/v1/messages/" + requestId;
        InstanceCredential instances = new InstanceCredential(
                Base64.getDecoder().decode(ServiceTestProperties.INSTANCE_KEY), Clock.systemUTC());

        assertThat(forwarded(holder, path, "Authorization", "Bearer " + TestTokens.bearer("messages:read")).statusCode())
                .as("a caller's token, as instances used to forward it").isEqualTo(401);
        assertThat(forwarded(holder, path).statusCode()).as("no credential").isEqualTo(401);
        assertThat(forwarded(holder, path, InstanceForwarder.CREDENTIAL,
                instances.issue("GET", "/api/v1/customers/c-1/data-export")).statusCode())
                .as("a credential for another read").isEqualTo(401);
        InstanceCredential stale = new InstanceCredential(Base64.getDecoder().decode(ServiceTestProperties.INSTANCE_KEY),
                Clock.fixed(Instant.now().minusSeconds(60), ZoneOffset.UTC));
        assertThat(forwarded(holder, path, InstanceForwarder.CREDENTIAL, stale.issue("GET", path)).statusCode())
                .as("an expired credential").isEqualTo(401);
        InstanceCredential stranger = new InstanceCredential("another-key-of-32-bytes-for-test".getBytes(), Clock.systemUTC());
        assertThat(forwarded(holder, path, InstanceForwarder.CREDENTIAL, stranger.issue("GET", path)).statusCode())
                .as("another key").isEqualTo(401);

        HttpResponse<String> accepted = forwarded(holder, path, InstanceForwarder.CREDENTIAL, instances.issue("GET", path));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(404);
    }

    /** A read marked as forwarded by another instance, with the given headers (name, value, ...). */
    private static HttpResponse<String> forwarded(ConfigurableApplicationContext instance, String path,
            String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, path)).header(InstanceForwarder.FORWARDED, "true");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void publishPreferences(TopicsProperties topics, List<String> customers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            for (String customer : customers) {
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer,
                        KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                                .setEventId(UUID.randomUUID().toString()).setCustomerId(customer).setVersion(1)
                                .setUpdatedAt(Instant.now()).setLocale("fr-FR").setTimeZone("Europe/Paris")
                                .setJurisdiction("FR").setFormOfAddress(FormOfAddress.newBuilder().build())
                                .setContactPoints(ContactPoints.newBuilder().setEmail(customer + "@example.fr").build())
                                .build())));
            }
            producer.flush();
        }
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext instance, String path, String scope)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(instance, path))
                .header("Authorization", "Bearer " + TestTokens.bearer(scope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext instance(String name) throws IOException {
        return new SpringApplicationBuilder(DispatchApplication.class).run(ServiceTestProperties.withSecurity(PriorityLaneTopics.with(RUN,
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafka().bootstrapServers(),
                "--kairos.dispatch.application-id=dispatch-any-" + RUN,
                "--kairos.dispatch.state-dir=" + Files.createTempDirectory("kairos-any-state-" + name),
                "--kairos.channels.sink-dir=" + Files.createTempDirectory("kairos-any-sinks-" + name))));
    }

    private static void publishCatalogueEntry(TopicsProperties topics) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), TOPIC, KairosSerdes.topicCatalogueEntry()
                    .encode(TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(TOPIC)
                            .setName("Any").setCategory(TopicCategory.MARKETING).setPurpose(TOPIC)
                            .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build()))).get();
        }
    }

    private static boolean ready(ConfigurableApplicationContext instance) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(instance, "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext instance, String requestId, String customerId)
            throws IOException, InterruptedException {
        String body = """
                {"requestId": "%s", "customerId": "%s", "topic": "%s",
                 "content": {"EMAIL": {"subject": "Hello", "text": "Hello"}}}""".formatted(requestId, customerId, TOPIC);
        return HTTP.send(HttpRequest.newBuilder(uri(instance, "/api/v1/messages"))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> status(ConfigurableApplicationContext instance, String requestId)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(instance, "/api/v1/messages/" + requestId))
                .header("Authorization", "Bearer " + TestTokens.bearer("messages:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext instance, String path) {
        return URI.create("http://localhost:" + instance.getEnvironment().getProperty("local.server.port") + path);
    }
}
