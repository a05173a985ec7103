package dev.kairos.preferences.topics;

import java.util.List;

/**
 * A catalogue entry as a client sent it, before validation: text where the entry has types, so that
 * every invalid field can be reported at once.
 */
public record TopicDefinition(String name, String category, String purpose, Boolean urgent,
                              List<String> defaultChannels) {
}
