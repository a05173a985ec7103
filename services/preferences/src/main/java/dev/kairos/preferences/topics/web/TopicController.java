package dev.kairos.preferences.topics.web;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCatalogue;
import dev.kairos.preferences.topics.TopicCategory;
import dev.kairos.preferences.topics.TopicDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
            description = "purpose defaults to the topic id, urgent to false; only SERVICE topics can be urgent.")
    @ApiResponse(responseCode = "201", description = "The entry was created")
    @ApiResponse(responseCode = "200", description = "The entry was replaced")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named in errors")
    ResponseEntity<TopicView> define(@PathVariable String topicId, @RequestBody TopicDefinition definition) {
        TopicCatalogue.Definition defined = catalogue.define(topicId, definition);
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(TopicView.of(defined.topic()));
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
