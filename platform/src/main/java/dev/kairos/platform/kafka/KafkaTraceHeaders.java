package dev.kairos.platform.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Writes the trace a hand-written producer sends in into the record's headers (W3C {@code traceparent}, ADR 0047),
 * as the bindings' producers do through Spring Kafka's observation: a request that enters by REST is followed
 * through the records it causes, sampled or not. Nothing is written when no span is current (the outbox relay's
 * thread, for one).
 */
public class KafkaTraceHeaders {

    /** For a service without tracing: writes nothing. */
    public static final KafkaTraceHeaders NONE = new KafkaTraceHeaders(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public KafkaTraceHeaders(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Puts the current span's context in {@code headers}, replacing any value of the same header. */
    public void inject(Headers headers) {
        Span span = tracer.currentSpan();
        if (span == null) {
            return;
        }
        propagator.inject(span.context(), headers, (carrier, name, value) -> {
            carrier.remove(name);
            carrier.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
    }
}
