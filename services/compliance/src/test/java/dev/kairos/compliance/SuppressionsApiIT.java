package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.serde.KairosSerdes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** POST and GET /api/v1/suppressions against a real PostgreSQL and broker. */
class SuppressionsApiIT extends RunningCompliance {

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void anOperatorSuppressesAnAddressAndAnyoneWithReadScopeLooksItUp() {
        String email = "Ada." + UUID.randomUUID() + "@Example.com";

        Api.Response created = api.post("/api/v1/suppressions",
                "{\"address\": \" " + email + "\", \"channel\": \"EMAIL\"}", "consents:write");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String hmac = Records.HMAC.of(email);
        assertThat(created.json().get("addressHmac").asString()).isEqualTo(hmac);
        assertThat(created.json().get("reason").asString()).isEqualTo("MANUAL");
        assertThat(created.json().get("channel").asString()).isEqualTo("EMAIL");
        assertThat(created.body()).doesNotContainIgnoringCase(email);

        JsonNode found = api.get("/api/v1/suppressions?address=" + encode(email.toLowerCase()), "consents:read").json();
        assertThat(found.get("addressHmac").asString()).isEqualTo(hmac);
        assertThat(found.get("suppressions")).hasSize(1);
        assertThat(found.get("suppressions").get(0).get("reason").asString()).isEqualTo("MANUAL");

        try (var reader = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"))) {
            Suppression published = reader.awaitValues(hmac, KairosSerdes.suppression()::decode, s -> !s.isEmpty()).get(0);
            assertThat(published.getReason()).isEqualTo(SuppressionReason.MANUAL);
            assertThat(published.getChannel()).isEqualTo(dev.kairos.proto.common.Channel.EMAIL);
        }
    }

    @Test
    void anEntryWithoutChannelCoversEveryChannel() {
        String phone = "+3361" + String.format("%07d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L));
        api.post("/api/v1/suppressions", "{\"address\": \"" + phone + "\", \"channel\": \"SMS\"}", "consents:write");

        Api.Response widened = api.post("/api/v1/suppressions",
                "{\"address\": \"" + phone + "\", \"reason\": \"COMPLAINT\"}", "consents:write");

        assertThat(widened.status()).isEqualTo(201);
        assertThat(widened.json().get("channel").isNull()).isTrue();
        assertThat(widened.json().get("reason").asString()).isEqualTo("COMPLAINT");
    }

    @Test
    void anAddressNotSuppressedHasNoEntries() {
        JsonNode found = api.get("/api/v1/suppressions?address=" + encode("nobody-" + UUID.randomUUID() + "@example.com"),
                "consents:read").json();

        assertThat(found.get("suppressions")).isEmpty();
        assertThat(found.get("addressHmac").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void anInvalidSuppressionNamesEveryInvalidField() {
        Api.Response response = api.post("/api/v1/suppressions",
                "{\"address\": \"0612345678\", \"channel\": \"SMS\", \"reason\": \"ERASURE\"}", "consents:write");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactlyInAnyOrder("address", "reason");

        Api.Response noChannel = api.post("/api/v1/suppressions", "{\"channel\": \"FAX\"}", "consents:write");
        assertThat(noChannel.status()).isEqualTo(400);
        assertThat(noChannel.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("address", "channel");

        Api.Response noAddress = api.get("/api/v1/suppressions", "consents:read");
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.json().get("errors").get(0).get("field").asString()).isEqualTo("address");
        assertThat(api.get("/api/v1/suppressions?address=" + encode("not an email@"), "consents:read").status())
                .isEqualTo(400);
    }

    @Test
    void writingNeedsConsentsWriteAndReadingConsentsRead() {
        String body = "{\"address\": \"x-" + UUID.randomUUID() + "@example.com\"}";
        assertThat(api.post("/api/v1/suppressions", body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/suppressions", body, "consents:read").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/suppressions", body, "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/suppressions?address=a%40example.com", "audit:read").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/suppressions?address=a%40example.com").status()).isEqualTo(401);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
