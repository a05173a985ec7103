package dev.kairos.dispatch.templates;

import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.dispatch.rendering.Template;
import dev.kairos.dispatch.rendering.TemplateRule;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/templates")
@SecurityRequirement(name = "bearer")
class TemplatesController {

    /** How long a PUT waits for this instance's replica to hold what it stored. */
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(5);

    private final TemplateTopic topic;
    private final DispatchQueries queries;
    private final Clock clock;

    TemplatesController(TemplateTopic topic, DispatchQueries queries, Clock clock) {
        this.topic = topic;
        this.queries = queries;
        this.clock = clock;
    }

    @PutMapping("/{templateId}")
    @Operation(summary = "Store a template (per locale and channel: subject, text, html), replacing any of that id; "
            + "requests then name it with templateId and variables instead of carrying content")
    ResponseEntity<TemplateBody> put(@PathVariable String templateId, @RequestBody TemplateBody body)
            throws InterruptedException {
        Template template = body.toTemplate(templateId);
        List<FieldProblem> problems = TemplateRule.problems(template).stream()
                .map(p -> new FieldProblem(p.field(), p.message())).toList();
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        boolean existed = queries.template(templateId).isPresent();
        topic.put(template, clock.instant());
        awaitReplica(template);
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED).body(TemplateBody.of(template));
    }

    @GetMapping("/{templateId}")
    @Operation(summary = "A stored template, as this instance's replica holds it")
    ResponseEntity<?> get(@PathVariable String templateId) {
        Optional<Template> template = queries.template(templateId);
        if (template.isPresent()) {
            return ResponseEntity.ok(TemplateBody.of(template.get()));
        }
        if (queries.knowsTemplate(templateId).isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The decision engine is starting; retry shortly.");
            problem.setTitle("Templates temporarily unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No template " + templateId + " is stored.");
        problem.setTitle("Unknown template");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /**
     * Waits, briefly, until this instance's replica holds the stored template, so that a request sent here right
     * after the PUT finds it. The template is stored either way; other instances catch up as quickly.
     */
    private void awaitReplica(Template stored) throws InterruptedException {
        long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
        while (!queries.template(stored.templateId()).map(stored::equals).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @ExceptionHandler(TemplateTopic.TemplatesUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(TemplateTopic.TemplatesUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The template could not be stored; nothing changed. Retry the same PUT.");
        problem.setTitle("Templates unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }
}
