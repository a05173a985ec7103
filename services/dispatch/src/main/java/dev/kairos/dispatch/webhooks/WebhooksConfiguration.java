package dev.kairos.dispatch.webhooks;

import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.security.LocalProfile;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.messaging.Message;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code outcomeWebhooks} binding on {@code dispatch.outcomes.v1} (group {@code <application id>.webhooks}, read
 * committed, transactional: application.yml), and the retries of {@code dispatch.internal.webhook-retries.v1}
 * (group {@code <application id>.webhook-retries}), both calling the same endpoints (ADR 0050). Every configured
 * endpoint is checked when the service starts: a bad URL or secret stops it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

    /** How many retries one poll takes: each may wait a call's time-out, and all of them fit in a poll interval. */
    private static final int RETRIES_PER_POLL = 20;

    /** The configured endpoints' senders, shared by the first calls and the retries (and their circuit breakers). */
    record Senders(List<WebhookSender> all) {
    }

    @Bean
    Senders webhookSenders(WebhooksProperties properties, Environment environment, Clock clock,
                                       MeterRegistry meters) {
        boolean local = LocalProfile.isOn(environment);
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new Senders(properties.getEndpoints().entrySet().stream()
                .map(e -> new WebhookSender(WebhookEndpoint.of(e.getKey(), e.getValue(), local), http, properties,
                        clock, meters))
                .toList());
    }

    @Bean
    RetrySchedule webhookRetrySchedule(WebhooksProperties properties, Clock clock) {
        return new RetrySchedule(properties.getInitialBackoff(), properties.getMaxBackoff(), properties.getRetryFor(),
                clock, RandomGenerator.getDefault());
    }

    @Bean
    OutcomeWebhooks outcomeWebhookDeliveries(Senders webhookSenders, RetrySchedule webhookRetrySchedule,
                                             ObjectMapper json, StreamBridge bridge, Clock clock, MeterRegistry meters) {
        return new OutcomeWebhooks(webhookSenders.all(), json, bridge, webhookRetrySchedule, clock, meters);
    }

    @Bean
    Consumer<Message<byte[]>> outcomeWebhooks(OutcomeWebhooks webhooks) {
        return webhooks::handle;
    }

    /**
     * Runs with no endpoint configured too: what waits for an endpoint since removed goes to the dead letters. Not
     * named after the output binding {@code webhookRetries}: Spring Cloud Function would take the bean for it.
     */
    @Bean
    WebhookRetries webhookRetryLoop(Senders webhookSenders, RetrySchedule webhookRetrySchedule,
                                  WebhooksProperties properties, TopicsProperties topics, TopicProvisioner topicsReady,
                                  KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory, ObjectMapper json,
                                  Clock clock, MeterRegistry meters,
                                  @Value("${kairos.dispatch.application-id}") String applicationId) {
        Map<String, Object> settings = kafkaClients.consumer(applicationId + ".webhook-retries");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-webhook-retries");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RETRIES_PER_POLL);
        settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                (int) Math.max(300_000, 2L * RETRIES_PER_POLL * properties.getTimeout().toMillis()));
        // Unique per running instance, like the senders': instances sharing a transactional id would fence each other.
        Map<String, Object> producerSettings = kafkaClients.transactionalProducer(
                "dispatch-webhook-retries-" + UUID.randomUUID());
        return new WebhookRetries(() -> clientFactory.consumer(settings), () -> clientFactory.producer(producerSettings),
                topics.name("webhook-retries"), topics.name("dead-letters"), webhookSenders.all(), webhookRetrySchedule,
                json, clock, meters);
    }
}
