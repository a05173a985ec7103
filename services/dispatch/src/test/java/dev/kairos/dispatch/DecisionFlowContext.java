package dev.kairos.dispatch;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import dev.kairos.platform.testing.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one running dispatch that {@link DecisionFlowIT}, {@link DigestIT}, {@link PriorityLaneIT}, {@link InboundSignalsIT}
 * and {@link OutcomeWebhooksIT} share (the same configuration, so Spring starts it once): a real broker, its own
 * inbox, outcomes, email queue and suppressions, the local email sink under {@link #SINKS}, two webhook
 * endpoints ({@link WebhookReceiver}) for the request ids of {@link OutcomeWebhooksIT} and its own webhook retries, and a clock a test may move
 * ({@link MovableClock}, on the system time unless moved).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DecisionFlowContext.Clocks.class)
abstract class DecisionFlowContext {

    static final Path SINKS = tempDir("sinks");
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        registry.add("kairos.channels.sink-dir", SINKS::toString);
        registry.add("kairos.dispatch.state-dir", () -> tempDir("state").toString());
        registry.add("kairos.dispatch.application-id", () -> "dispatch-it-" + RUN);
        // Its own inboxes, outcomes and email queues: a new application id decides everything already in its
        // inbox first, and the shared one holds the other ITs' tens of thousands of requests.
        registry.add("kairos.topics.catalogue.requests.name", () -> "dispatch.requests.it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.outcomes.name", () -> "dispatch.outcomes.it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.send-email.name", () -> "dispatch.internal.send-email.it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.priority-requests.name", () -> "dispatch.priority-requests.it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.priority-send-email.name",
                () -> "dispatch.internal.priority-send-email.it-" + RUN + ".v1");
        registry.add("kairos.topics.catalogue.webhook-retries.name",
                () -> "dispatch.internal.webhook-retries.it-" + RUN + ".v1");
        // Its own suppressions too: a global table, fed undecodable records by DecisionFlowIT.
        registry.add("kairos.topics.catalogue.suppressions.name", () -> "compliance.suppressions.it-" + RUN + ".v1");
        // Two campaign systems' webhook endpoints (OutcomeWebhooksIT): it-crm takes the outcomes of its request ids,
        // it-flaky (which a test takes down) those of a narrower prefix; retried within seconds, for 15 s.
        registry.add("kairos.webhooks.endpoints.it-crm.url", () -> WebhookReceiver.shared().url());
        registry.add("kairos.webhooks.endpoints.it-crm.secret", () -> WebhookReceiver.SECRET_SETTING);
        registry.add("kairos.webhooks.endpoints.it-crm.request-id-prefixes", () -> OutcomeWebhooksIT.PREFIX);
        registry.add("kairos.webhooks.endpoints.it-flaky.url", () -> WebhookReceiver.shared().url("/flaky"));
        registry.add("kairos.webhooks.endpoints.it-flaky.secret", () -> WebhookReceiver.SECRET_SETTING);
        registry.add("kairos.webhooks.endpoints.it-flaky.request-id-prefixes", () -> OutcomeWebhooksIT.FLAKY_PREFIX);
        registry.add("kairos.webhooks.initial-backoff", () -> "1s");
        registry.add("kairos.webhooks.max-backoff", () -> "2s");
        registry.add("kairos.webhooks.retry-for", () -> "15s");
        registry.add("kairos.webhooks.open-for", () -> "2s");
    }

    /** The running dispatch's API, as a campaign system calls it. */
    DispatchApi api() {
        return new DispatchApi(port);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("kairos-dispatch-it-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
