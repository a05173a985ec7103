package dev.kairos.dispatch.channels;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One provider's protections around its calls: rate limit, then circuit breaker, retried as a whole on
 * transient failures (a full rate window counts as transient, and so does an open circuit when the provider is
 * the channel's last: the message waits for it instead of failing). A provider with a failover after it does not
 * wait for its open circuit: the call fails at once and the failover takes the send. Permanent failures are
 * neither retried nor held against the circuit.
 */
final class ProviderGuard {

    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuit;
    private final Retry retry;
    private final Timer latency;

    ProviderGuard(ChannelSender sender, ProviderSettings settings, boolean waitsForOpenCircuit, MeterRegistry meters) {
        String name = sender.channel() + "-" + sender.provider();
        Tags tags = Tags.of("channel", sender.channel().name(), "provider", sender.provider());
        rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(settings.ratePerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(5))
                .build());
        circuit = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(ProviderGuard::transientFailure)
                .ignoreException(e -> e instanceof SendFailure f && f.permanent())
                .build());
        retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff()))
                .retryOnException(e -> transientFailure(e) || e instanceof RequestNotPermitted
                        || (waitsForOpenCircuit && e instanceof CallNotPermittedException))
                .build());
        latency = Timer.builder("kairos.dispatch.provider.latency").tags(tags)
                .description("time of one provider call").register(meters);
        Counter retries = Counter.builder("kairos.dispatch.send.retries").tags(tags)
                .description("provider calls tried again after a transient failure").register(meters);
        retry.getEventPublisher().onRetry(event -> retries.increment());
        meters.gauge("kairos.dispatch.provider.circuit.state", tags, circuit, ProviderGuard::stateCode);
        circuit.getEventPublisher().onStateTransition(event -> meters.counter("kairos.dispatch.provider.circuit.transitions",
                tags.and("state", event.getStateTransition().getToState().name())).increment());
    }

    /** Calls the provider; a {@link SendFailure} once retries are exhausted or the failure is permanent. */
    String call(Supplier<String> providerCall) {
        Supplier<String> timed = () -> latency.record(providerCall);
        Supplier<String> guarded = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(circuit, RateLimiter.decorateSupplier(rateLimiter, timed)));
        try {
            return guarded.get();
        } catch (SendFailure e) {
            throw e;
        } catch (CallNotPermittedException | RequestNotPermitted e) {
            throw new SendFailure("provider unavailable: " + e.getMessage(), false, e);
        }
    }

    private static boolean transientFailure(Throwable e) {
        return e instanceof SendFailure f && !f.permanent();
    }

    /** 0 closed, 1 open, 2 half-open, 3 any other (disabled, forced open, metrics only). */
    private static double stateCode(CircuitBreaker circuit) {
        return switch (circuit.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
