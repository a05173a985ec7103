package dev.kairos.dispatch.inbound;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A report whose signal could not be stored answers 503 with {@code Retry-After}: the sender posts it again. */
@RestControllerAdvice(assignableTypes = {InboundEmailController.class, ReturnedMailController.class})
class SignalsUnavailable {

    @ExceptionHandler(ChannelSignals.SignalsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ChannelSignals.SignalsUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The signal could not be stored; post the same report again (it is applied once).");
        problem.setTitle("Signals unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }
}
