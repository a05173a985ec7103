package dev.kairos.preferences.topics.web;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCatalogue;
import dev.kairos.preferences.topics.TopicCategory;
import dev.kairos.preferences.topics.TopicDefinition;
import dev.kairos.preferences.topics.ImmutableTopicFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/topics")
@Tag(name = "Topic catalogue")
class TopicController {

    private final TopicCatalogue catalogue;

    TopicController(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @PutMapping("/{topicId}")
    @Operation(summary = "Create or replace a catalogue entry",
            description = "purpose defaults to the topic id, urgent to false; only SERVICE topics can be urgent. "
                    + "category and purpose never change once the topic exists: define a new topic instead. "
                    + "Every change is recorded with the calling client. Needs the catalogue:write scope.")
    @ApiResponse(responseCode = "201", description = "The entry was created")
    @ApiResponse(responseCode = "200", description = "The entry was replaced")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named in errors")
    @ApiResponse(responseCode = "409", description = "The change would alter the category or purpose")
    ResponseEntity<TopicView> define(@PathVariable String topicId, @RequestBody TopicDefinition definition,
                                     @AuthenticationPrincipal Jwt client) {
        TopicCatalogue.Definition defined = catalogue.define(topicId, definition, client.getSubject());
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(TopicView.of(defined.topic()));
    }

    @ExceptionHandler
    ProblemDetail immutable(ImmutableTopicFieldException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "A topic's " + String.join(" and ", e.fields()) + " cannot change once it exists: consents were "
                        + "given for it as it is. Define a new topic instead.");
        problem.setType(URI.create("https://kairos.dev/problems/immutable-topic-field"));
        problem.setTitle("Topic cannot change its nature");
        problem.setProperty("fields", e.fields());
        return problem;
    }

    @GetMapping
    @Operation(summary = "Every catalogue entry, ordered by topic id")
    List<TopicView> all() {
        return catalogue.all().stream().map(TopicView::of).toList();
    }

    record TopicView(String topicId, String name, TopicCategory category, String purpose, boolean urgent,
                     List<Channel> defaultChannels, Instant updatedAt) {

        static TopicView of(Topic topic) {
            return new TopicView(topic.id(), topic.name(), topic.category(), topic.purpose(), topic.urgent(),
                    topic.defaultChannels(), topic.updatedAt());
        }
    }
}
