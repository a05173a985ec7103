package dev.kairos.preferences.topics;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.common.Channel;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** The rules a catalogue entry must follow; every broken rule is reported, named by its JSON path. */
final class TopicValidation {

    static final Pattern TOPIC_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_NAME = 200;

    private TopicValidation() {
    }

    /** The entry, or null when {@code problems} received at least one problem. */
    static Topic parse(String topicId, TopicDefinition definition, Instant updatedAt, List<FieldProblem> problems) {
        int before = problems.size();
        if (topicId == null || !TOPIC_ID.matcher(topicId).matches()) {
            problems.add(new FieldProblem("topicId", "must match " + TOPIC_ID.pattern()));
        }
        if (definition == null) {
            problems.add(new FieldProblem("", "the body is missing"));
            return null;
        }
        String name = definition.name() == null ? "" : definition.name().strip();
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        }
        TopicCategory category = category(definition.category(), problems);
        String purpose = definition.purpose() == null || definition.purpose().isBlank()
                ? topicId : definition.purpose().strip();
        if (definition.purpose() != null && !definition.purpose().isBlank() && !TOPIC_ID.matcher(purpose).matches()) {
            problems.add(new FieldProblem("purpose", "must match " + TOPIC_ID.pattern()));
        }
        boolean urgent = Boolean.TRUE.equals(definition.urgent());
        if (urgent && category == TopicCategory.MARKETING) {
            problems.add(new FieldProblem("urgent", "only SERVICE topics can be urgent"));
        }
        List<Channel> channels = Channel.parseAll(definition.defaultChannels(), "defaultChannels", problems);
        if (channels == null || definition.defaultChannels().isEmpty()) {
            problems.add(new FieldProblem("defaultChannels", "must name at least one of EMAIL, SMS, MAIL"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new Topic(topicId, name, category, purpose, urgent, channels, updatedAt);
    }

    private static TopicCategory category(String value, List<FieldProblem> problems) {
        if (value == null) {
            problems.add(new FieldProblem("category", "is required (MARKETING or SERVICE)"));
            return null;
        }
        for (TopicCategory category : TopicCategory.values()) {
            if (category.name().equals(value)) {
                return category;
            }
        }
        problems.add(new FieldProblem("category", "must be MARKETING or SERVICE"));
        return null;
    }
}
