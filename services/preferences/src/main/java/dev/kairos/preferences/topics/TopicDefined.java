package dev.kairos.preferences.topics;

/** A catalogue entry was created or replaced. */
public record TopicDefined(String eventId, Topic topic) {
}
