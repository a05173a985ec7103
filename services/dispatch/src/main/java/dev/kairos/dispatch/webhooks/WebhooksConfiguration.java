package dev.kairos.dispatch.webhooks;

import dev.kairos.platform.security.LocalProfile;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code outcomeWebhooks} binding on {@code dispatch.outcomes.v1} (group {@code <application id>.webhooks}, read
 * committed, transactional: application.yml). Every configured endpoint is checked when the service starts: a bad
 * URL or secret stops it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

    @Bean
    OutcomeWebhooks outcomeWebhookDeliveries(WebhooksProperties properties, Environment environment, Clock clock,
                                             ObjectMapper json, StreamBridge bridge, MeterRegistry meters) {
        boolean local = LocalProfile.isOn(environment);
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new OutcomeWebhooks(properties.getEndpoints().entrySet().stream()
                .map(e -> new WebhookSender(WebhookEndpoint.of(e.getKey(), e.getValue(), local), http, properties,
                        clock, meters))
                .toList(), json, bridge, meters);
    }

    @Bean
    Consumer<Message<byte[]>> outcomeWebhooks(OutcomeWebhooks webhooks) {
        return webhooks::handle;
    }
}
