package dev.kairos.dispatch.webhooks;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs outcomes to one endpoint: each attempt signed afresh, a 2xx is delivered; 408, 429, 5xx, a time-out or a
 * connection failure is tried again after an exponential, jittered wait, up to the configured attempts; any
 * other answer (another 4xx, a redirect) is permanent.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookEndpoint endpoint;
    private final HttpClient http;
    private final WebhooksProperties settings;
    private final Clock clock;
    private final Retry retry;
    private final Timer latency;
    private final Counter delivered;
    private final MeterRegistry meters;

    public WebhookSender(WebhookEndpoint endpoint, HttpClient http, WebhooksProperties settings, Clock clock,
                         MeterRegistry meters) {
        this.endpoint = endpoint;
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        retry = Retry.of("webhook-" + endpoint.name(), RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.getMaxAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.getInitialBackoff(), 2.0, 0.5,
                        settings.getMaxBackoff()))
                .retryOnException(e -> e instanceof Failure f && !f.permanent)
                .build());
        Counter retries = Counter.builder("kairos.dispatch.webhook.retries").tag("endpoint", endpoint.name())
                .description("webhook calls tried again after a transient failure").register(meters);
        retry.getEventPublisher().onRetry(event -> retries.increment());
        latency = Timer.builder("kairos.dispatch.webhook.latency").tag("endpoint", endpoint.name())
                .description("time of one webhook call").register(meters);
        delivered = Counter.builder("kairos.dispatch.webhook.deliveries").tag("endpoint", endpoint.name())
                .description("outcomes an endpoint took (2xx)").register(meters);
    }

    public WebhookEndpoint endpoint() {
        return endpoint;
    }

    /** Delivers the outcome; empty once the endpoint took it, else why it did not (after the retries). */
    public Optional<String> deliver(WebhookPayload payload) {
        try {
            Retry.decorateRunnable(retry, () -> call(payload)).run();
            delivered.increment();
            return Optional.empty();
        } catch (Failure e) {
            meters.counter("kairos.dispatch.webhook.failures", "endpoint", endpoint.name(),
                    "permanent", Boolean.toString(e.permanent)).increment();
            String cause = (e.permanent ? "permanent: " : "retries exhausted: ") + e.getMessage();
            // The event id and the cause, never the body: it names a customer.
            log.warn("Webhook {} did not take outcome {}: {}", endpoint.name(), payload.id(), cause);
            return Optional.of(cause);
        }
    }

    private void call(WebhookPayload payload) {
        WebhookSignature signature = WebhookSignature.sign(endpoint.secret(), payload.id(),
                clock.instant().getEpochSecond(), payload.body());
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(settings.getTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Kairos-Webhooks/1")
                .header("webhook-id", signature.id())
                .header("webhook-timestamp", Long.toString(signature.timestamp()))
                .header("webhook-signature", signature.standard())
                .header("Kairos-Signature", signature.kairos())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()))
                .build();
        int status;
        Timer.Sample sample = Timer.start();
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new Failure(e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", false);
        } finally {
            sample.stop(latency);
        }
        if (status < 200 || status >= 300) {
            throw new Failure("HTTP " + status, !(status == 408 || status == 429 || status >= 500));
        }
    }

    /** The endpoint did not take the outcome: transient failures are tried again, permanent ones not. */
    private static final class Failure extends RuntimeException {
        private final boolean permanent;

        Failure(String cause, boolean permanent) {
            super(cause, null, false, false);
            this.permanent = permanent;
        }
    }
}
