package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Reason;
import java.util.List;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why deciding a request failed, as the code its rejection carries and a detail naming the cause. (Rendering is the
 * channel end's, after the decision: a message that cannot be rendered fails there, as {@code DeliveryFailed}.)
 * A store or the task failing is the engine's trouble, not the request's: it is thrown on for Kafka Streams.
 */
record Rejection(List<Reason> reasons, String detail) {

    private static final Logger log = LoggerFactory.getLogger(Rejection.class);

    static Rejection of(Throwable failure, String requestId) {
        if (failure instanceof StreamsException e) {
            throw e;
        }
        if (failure instanceof Effects.TooLargeException e) {
            return new Rejection(List.of(Reason.TOO_LARGE), e.getMessage());
        }
        // The exception's message may quote a replica or the content: only its class is logged and told.
        StackTraceElement where = failure.getStackTrace().length == 0 ? null : failure.getStackTrace()[0];
        log.warn("Deciding request {} failed with {} at {}; rejected as RENDER_FAILED", requestId,
                failure.getClass().getName(), where);
        return new Rejection(List.of(Reason.RENDER_FAILED),
                "deciding failed (" + failure.getClass().getSimpleName() + ")");
    }
}
