package dev.kairos.preferences.topics;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Defines catalogue entries and answers which topics exist. */
@Service
public class TopicCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCatalogue.class);

    private final Topics topics;
    private final CatalogueEvents events;
    private final CatalogueChanges changes;
    private final Clock clock;

    TopicCatalogue(Topics topics, CatalogueEvents events, CatalogueChanges changes, Clock clock) {
        this.topics = topics;
        this.events = events;
        this.changes = changes;
        this.clock = clock;
    }

    /** The stored entry, and whether it is new. */
    public record Definition(Topic topic, boolean created) {
    }

    /**
     * Creates or replaces an entry, announces it and records who changed what, in the same transaction.
     *
     * @param changedBy the API client making the change (its token's subject)
     * @throws InvalidRequestException       naming every invalid field; nothing is stored then
     * @throws ImmutableTopicFieldException when the entry exists with another category or purpose
     */
    @Transactional
    public Definition define(String topicId, TopicDefinition definition, String changedBy) {
        List<FieldProblem> problems = new ArrayList<>();
        // Millisecond precision: the published record carries the same instant as the stored row.
        Topic topic = TopicValidation.parse(topicId, definition, clock.instant().truncatedTo(ChronoUnit.MILLIS), problems);
        if (topic == null) {
            throw new InvalidRequestException(problems);
        }
        Optional<Topic> before = topics.lock(topicId);
        before.ifPresent(existing -> refuseChangeOfNature(existing, topic));
        // Empty only when a concurrent creation with another category or purpose got in first.
        boolean created = topics.save(topic)
                .orElseThrow(() -> new ImmutableTopicFieldException(topicId, List.of("category", "purpose")));
        events.topicDefined(new TopicDefined(UUID.randomUUID().toString(), topic));
        changes.record(new CatalogueChange(topicId, changedBy, topic.updatedAt(), before.orElse(null), topic));
        LOG.info("Catalogue topic {} {} by {}: category {}, purpose {}", topicId, created ? "created" : "replaced",
                changedBy, topic.category(), topic.purpose());
        return new Definition(topic, created);
    }

    /** Defines the entry unless the catalogue already holds its id (an operator may have changed it since). */
    @Transactional
    public boolean defineIfAbsent(String topicId, TopicDefinition definition, String changedBy) {
        if (!topics.existing(List.of(topicId)).isEmpty()) {
            return false;
        }
        define(topicId, definition, changedBy);
        return true;
    }

    /**
     * A MARKETING topic turned SERVICE would be sent without consent, and a changed purpose would make
     * consents given for one thing cover another.
     */
    private static void refuseChangeOfNature(Topic existing, Topic wanted) {
        List<String> changed = new ArrayList<>();
        if (existing.category() != wanted.category()) {
            changed.add("category");
        }
        if (!Objects.equals(existing.purpose(), wanted.purpose())) {
            changed.add("purpose");
        }
        if (!changed.isEmpty()) {
            throw new ImmutableTopicFieldException(existing.id(), changed);
        }
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
