package dev.kairos.preferences.topics;

import java.util.List;

/**
 * A change tried to alter what a topic is: its category or its purpose. Consents and suppressions were
 * given for the topic as it was created; a new topic is the way to send something else.
 */
public class ImmutableTopicFieldException extends RuntimeException {

    private final transient List<String> fields;

    ImmutableTopicFieldException(String topicId, List<String> fields) {
        super("The " + String.join(" and ", fields) + " of topic " + topicId + " cannot change");
        this.fields = List.copyOf(fields);
    }

    /** The JSON names of the fields that would have changed. */
    public List<String> fields() {
        return fields;
    }
}
