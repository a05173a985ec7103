package dev.kairos.dispatch.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});

    @Test
    void everySelectorGivenMustHold() {
        WebhooksProperties.Endpoint properties = endpoint("https://crm.example.com/kairos", SECRET);
        properties.setOutcomes(List.of("SENT", "FAILED"));
        properties.setRequestIdPrefixes(List.of("crm:"));
        properties.setCampaignIdPrefixes(List.of("bf-"));
        WebhookEndpoint endpoint = WebhookEndpoint.of("crm", properties, false);

        assertThat(endpoint.wants(OutcomeStatus.SENT, "promotions", "crm:1", "bf-2026")).isTrue();
        assertThat(endpoint.wants(OutcomeStatus.SCHEDULED, "promotions", "crm:1", "bf-2026")).isFalse();
        assertThat(endpoint.wants(OutcomeStatus.SENT, "promotions", "shop:1", "bf-2026")).isFalse();
        assertThat(endpoint.wants(OutcomeStatus.SENT, "promotions", "crm:1", null)).isFalse();
    }

    @Test
    void anEndpointWithoutSelectorsTakesEveryOutcome() {
        WebhookEndpoint endpoint = WebhookEndpoint.of("all", endpoint("https://crm.example.com/k", SECRET), false);

        assertThat(endpoint.wants(OutcomeStatus.EXPIRED, "any", "any", null)).isTrue();
    }

    @Test
    void theStandardWebhooksFormOfTheSecretIsTheSameKey() {
        WebhookEndpoint plain = WebhookEndpoint.of("a", endpoint("https://x.example/k", SECRET), false);
        WebhookEndpoint prefixed = WebhookEndpoint.of("a", endpoint("https://x.example/k", "whsec_" + SECRET), false);

        assertThat(prefixed.secret()).isEqualTo(plain.secret());
    }

    @Test
    void plainHttpOnlyToALoopbackHost() {
        assertThat(WebhookEndpoint.of("a", endpoint("http://127.0.0.1:8080/k", SECRET), false).url().getPort())
                .isEqualTo(8080);
        assertThatThrownBy(() -> WebhookEndpoint.of("a", endpoint("http://crm.example.com/k", SECRET), false))
                .hasMessageContaining("kairos.webhooks.endpoints.a.url must be an https URL");
    }

    @Test
    void aMissingShortOrPublishedSecretStopsTheServiceOutsideTheLocalProfile() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> WebhookEndpoint.of("a", endpoint("https://x.example/k", null), false))
                .hasMessageContaining("kairos.webhooks.endpoints.a.secret is not set");
        assertThatThrownBy(() -> WebhookEndpoint.of("a", endpoint("https://x.example/k", short16), false))
                .hasMessageContaining("has 16 bytes");
        assertThatThrownBy(() -> WebhookEndpoint.of("a", endpoint("https://x.example/k",
                "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc="), false)).hasMessageContaining("development key");
        assertThat(WebhookEndpoint.of("a", endpoint("https://x.example/k", short16), true).secret()).hasSize(16);
    }

    @Test
    void unknownStatusesAndNamesThatCannotBeTagsAreRefused() {
        WebhooksProperties.Endpoint properties = endpoint("https://x.example/k", SECRET);
        properties.setOutcomes(List.of("BOUNCED"));

        assertThatThrownBy(() -> WebhookEndpoint.of("a", properties, false))
                .hasMessageContaining("kairos.webhooks.endpoints.a.outcomes: BOUNCED");
        assertThatThrownBy(() -> WebhookEndpoint.of("Customer 42", endpoint("https://x.example/k", SECRET), false))
                .hasMessageContaining("metric tag");
    }

    private static WebhooksProperties.Endpoint endpoint(String url, String secret) {
        WebhooksProperties.Endpoint endpoint = new WebhooksProperties.Endpoint();
        endpoint.setUrl(url);
        endpoint.setSecret(secret);
        return endpoint;
    }
}
