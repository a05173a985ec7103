package dev.kairos.dispatch.webhooks;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs outcomes to one endpoint, one call at a time, each signed afresh: a 2xx is delivered; 408, 429, 5xx, a
 * time-out or a connection failure is transient (the caller schedules another call, ADR 0050); any other answer
 * (another 4xx, a redirect) is permanent. The first call of a delivery goes through a circuit breaker: while the
 * endpoint keeps failing, new deliveries go straight to the retries without a call, so an endpoint that hangs does
 * not make every outcome wait for its time-out.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** What one call came to. */
    public enum Result { DELIVERED, TRANSIENT, PERMANENT }

    /** A call's result, and its cause unless delivered ({@code HTTP 503}, {@code HttpTimeoutException}, ...). */
    public record Attempt(Result result, String cause) {
        static final Attempt DELIVERED = new Attempt(Result.DELIVERED, null);
    }

    private final WebhookEndpoint endpoint;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Timer latency;
    private final Counter delivered;
    private final MeterRegistry meters;

    public WebhookSender(WebhookEndpoint endpoint, HttpClient http, WebhooksProperties settings, Clock clock,
                         MeterRegistry meters) {
        this.endpoint = endpoint;
        this.http = http;
        this.timeout = settings.getTimeout();
        this.clock = clock;
        this.meters = meters;
        breaker = CircuitBreaker.of("webhook-" + endpoint.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(5)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.getOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof Failure f && f.attempt.result() == Result.TRANSIENT)
                .build());
        latency = Timer.builder("kairos.dispatch.webhook.latency").tag("endpoint", endpoint.name())
                .description("time of one webhook call").register(meters);
        delivered = Counter.builder("kairos.dispatch.webhook.deliveries").tag("endpoint", endpoint.name())
                .description("outcomes an endpoint took (2xx)").register(meters);
    }

    public WebhookEndpoint endpoint() {
        return endpoint;
    }

    /** A delivery's first call, unless the endpoint's circuit is open: then a transient failure without a call. */
    public Attempt first(WebhookPayload payload) {
        try {
            return breaker.executeSupplier(() -> {
                Attempt attempt = call(payload);
                if (attempt.result() == Result.TRANSIENT) {
                    throw new Failure(attempt);
                }
                return attempt;
            });
        } catch (Failure e) {
            return e.attempt;
        } catch (CallNotPermittedException e) {
            return new Attempt(Result.TRANSIENT, "circuit open");
        }
    }

    /** One call, as the retries make it. */
    public Attempt again(WebhookPayload payload) {
        meters.counter("kairos.dispatch.webhook.retries", "endpoint", endpoint.name()).increment();
        return call(payload);
    }

    /** Counts and logs a delivery given up; {@code exhausted}: transient failures for the whole retry period. */
    void givenUp(WebhookPayload payload, String cause, boolean exhausted) {
        meters.counter("kairos.dispatch.webhook.failures", "endpoint", endpoint.name(),
                "permanent", Boolean.toString(!exhausted)).increment();
        // The event id and the cause, never the body: it names a customer.
        log.warn("Webhook {} did not take outcome {}: {}", endpoint.name(), payload.id(), cause);
    }

    private Attempt call(WebhookPayload payload) {
        WebhookSignature signature = WebhookSignature.sign(endpoint.secret(), payload.id(),
                clock.instant().getEpochSecond(), payload.body());
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(timeout)
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
            return new Attempt(Result.TRANSIENT, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(Result.TRANSIENT, "interrupted");
        } finally {
            sample.stop(latency);
        }
        if (status >= 200 && status < 300) {
            delivered.increment();
            return Attempt.DELIVERED;
        }
        boolean transientFailure = status == 408 || status == 429 || status >= 500;
        return new Attempt(transientFailure ? Result.TRANSIENT : Result.PERMANENT, "HTTP " + status);
    }

    /** Carries a transient failure through the circuit breaker, which counts it. */
    private static final class Failure extends RuntimeException {
        private final Attempt attempt;

        Failure(Attempt attempt) {
            super(attempt.cause(), null, false, false);
            this.attempt = attempt;
        }
    }
}
