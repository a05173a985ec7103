package dev.kairos.preferences.topics;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines catalogue entries and answers which topics exist. */
@Service
public class TopicCatalogue {

    private final Topics topics;
    private final CatalogueEvents events;
    private final Clock clock;

    TopicCatalogue(Topics topics, CatalogueEvents events, Clock clock) {
        this.topics = topics;
        this.events = events;
        this.clock = clock;
    }

    /** The stored entry, and whether it is new. */
    public record Definition(Topic topic, boolean created) {
    }

    /**
     * Creates or replaces an entry and announces it in the same transaction.
     *
     * @throws InvalidRequestException naming every invalid field; nothing is stored then
     */
    @Transactional
    public Definition define(String topicId, TopicDefinition definition) {
        List<FieldProblem> problems = new ArrayList<>();
        // Millisecond precision: the published record carries the same instant as the stored row.
        Topic topic = TopicValidation.parse(topicId, definition, clock.instant().truncatedTo(ChronoUnit.MILLIS), problems);
        if (topic == null) {
            throw new InvalidRequestException(problems);
        }
        boolean created = topics.save(topic);
        events.topicDefined(new TopicDefined(UUID.randomUUID().toString(), topic));
        return new Definition(topic, created);
    }

    /** Defines the entry unless the catalogue already holds its id (an operator may have changed it since). */
    @Transactional
    public boolean defineIfAbsent(String topicId, TopicDefinition definition) {
        if (!topics.existing(List.of(topicId)).isEmpty()) {
            return false;
        }
        define(topicId, definition);
        return true;
    }

    @Transactional(readOnly = true)
    public List<Topic> all() {
        return topics.all();
    }

    /** The ids among {@code topicIds} that are not in the catalogue. */
    @Transactional(readOnly = true)
    public Set<String> unknown(Collection<String> topicIds) {
        Set<String> unknown = new HashSet<>(topicIds);
        if (!unknown.isEmpty()) {
            unknown.removeAll(topics.existing(topicIds));
        }
        return unknown;
    }
}
