package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.rendering.Placeholders;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why deciding or rendering a request failed, as the code its rejection carries and a detail naming the cause.
 * A store or the task failing is the engine's trouble, not the request's: it is thrown on for Kafka Streams.
 */
record Rejection(List<Reason> reasons, String detail) {

    private static final Logger log = LoggerFactory.getLogger(Rejection.class);

    static Rejection of(Throwable failure, String requestId) {
        if (failure instanceof StreamsException e) {
            throw e;
        }
        if (failure instanceof Placeholders.InvalidTemplateException e) {
            return new Rejection(List.of(Reason.INVALID_TEMPLATE), "a content part is not a valid template: " + e.getMessage());
        }
        if (failure instanceof Effects.TooLargeException e) {
            return new Rejection(List.of(Reason.TOO_LARGE), e.getMessage());
        }
        // The exception's message may quote a replica or the content: only its class is logged and told.
        StackTraceElement where = failure.getStackTrace().length == 0 ? null : failure.getStackTrace()[0];
        log.warn("Deciding request {} failed with {} at {}; rejected as RENDER_FAILED", requestId,
                failure.getClass().getName(), where);
        return new Rejection(List.of(Reason.RENDER_FAILED),
                "deciding or rendering failed (" + failure.getClass().getSimpleName() + ")");
    }
}
