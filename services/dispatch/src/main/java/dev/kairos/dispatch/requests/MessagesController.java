package dev.kairos.dispatch.requests;

import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.dispatch.instances.InstanceForwarder;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import dev.kairos.proto.dispatch.SendMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/messages")
@SecurityRequirement(name = "bearer")
class MessagesController {

    private final RequestInbox inbox;
    private final DispatchQueries queries;
    private final Clock clock;
    private final InstanceForwarder forwarder;

    MessagesController(RequestInbox inbox, DispatchQueries queries, Clock clock, InstanceForwarder forwarder) {
        this.inbox = inbox;
        this.forwarder = forwarder;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Ask for one message to one customer; the same requestId again changes nothing")
    ResponseEntity<Map<String, String>> send(@RequestBody MessageRequest request) {
        List<FieldProblem> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        inbox.accept(Commands.toCommand(request, clock.instant()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/messages/" + request.requestId()))
                .body(Map.of("requestId", request.requestId(), "status", "ACCEPTED"));
    }

    @PostMapping("/batch")
    @Operation(summary = "Ask for up to " + Batch.MAX_ITEMS + " messages at once; each item is accepted or refused "
            + "on its own, and the answer says which, in the order sent")
    ResponseEntity<?> sendBatch(@RequestBody List<MessageRequest> requests) {
        if (requests.isEmpty() || requests.size() > Batch.MAX_ITEMS) {
            return Batch.wrongSize(requests.size());
        }
        Batch batch = new Batch(requests.size());
        List<SendMessage> valid = new ArrayList<>();
        List<Integer> validAt = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            MessageRequest request = requests.get(i);
            List<FieldProblem> problems = request == null ? List.of(new FieldProblem("[" + i + "]", "must be a request"))
                    : problems(request);
            if (problems.isEmpty()) {
                valid.add(Commands.toCommand(request, clock.instant()));
                validAt.add(i);
            } else {
                batch.refused(i, request == null ? null : request.requestId(), problems);
            }
        }
        List<Boolean> stored = inbox.acceptAll(valid);
        for (int v = 0; v < valid.size(); v++) {
            batch.stored(validAt.get(v), valid.get(v).getRequestId(), stored.get(v));
        }
        return ResponseEntity.ok(batch.answer());
    }

    /** The request rule, with what this instance's replicas know of the catalogue and the templates. */
    private List<FieldProblem> problems(MessageRequest request) {
        return RequestRule.problems(Commands.toSubmission(request),
                        new RequestRule.Known(queries::knowsTopic, queries::knowsTemplate)).stream()
                .map(p -> new FieldProblem(p.field(), p.message())).toList();
    }

    @GetMapping("/{requestId}")
    @Operation(summary = "The status of a request: channel, schedule, reasons, consent relied on, history. "
            + "Any instance answers: it asks the one that holds the request.")
    ResponseEntity<?> status(@PathVariable String requestId,
                             @RequestHeader(value = InstanceForwarder.FORWARDED, required = false) String forwarded)
            throws IOException, InterruptedException {
        DispatchQueries.Holder holder = queries.holderOfStatus(requestId);
        if (holder instanceof DispatchQueries.Holder.There there && forwarded == null) {
            return forwarder.forward(there.host(), there.port(), "/api/v1/messages/" + InstanceForwarder.segment(requestId));
        }
        if (holder instanceof DispatchQueries.Holder.Here) {
            return queries.status(requestId)
                    .<ResponseEntity<?>>map(status -> ResponseEntity.ok(StatusView.of(status)))
                    .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound(requestId)));
        }
        // Ownership is moving between instances (start-up, rebalance): ask again shortly.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Request statuses are being moved between dispatch instances; retry shortly.");
        problem.setTitle("Status temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(RequestInbox.InboxUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(RequestInbox.InboxUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The request could not be stored; nothing was accepted. Retry with the same requestId.");
        problem.setTitle("Request inbox unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
    }

    private static ProblemDetail notFound(String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No decision is known for request " + requestId + " (yet): it may still be in the inbox.");
        problem.setTitle("Unknown request");
        return problem;
    }
}
