package dev.kairos.platform.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * Writes the trace a hand-written producer sends in into the record's headers (W3C {@code traceparent}, ADR 0047),
 * as the bindings' producers do through Spring Kafka's observation: a request that enters by REST is followed
 * through the records it causes, sampled or not. Nothing is written when no span is current (the outbox relay's
 * thread, for one: the outbox keeps each row's {@link #currentTraceparent()} and the relay {@link #restore}s it).
 */
public class KafkaTraceHeaders {

    /** The W3C header that carries a trace across Kafka. */
    public static final String TRACEPARENT = "traceparent";

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

    /**
     * The {@code traceparent} of the span current on this thread, or null when there is none: for work that
     * reaches Kafka later from another thread (an outbox row, published by the relay).
     */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        propagator.inject(span.context(), fields, Map::put);
        return fields.get(TRACEPARENT);
    }

    /** Puts a {@code traceparent} kept from earlier into {@code headers}; nothing when it is null. */
    public static void restore(Headers headers, String traceparent) {
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
    }
}
