package dev.kairos.preferences.pages.web;

import dev.kairos.preferences.topics.Topic;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.util.MultiValueMap;

/**
 * The marketing boxes of the preference centre, by topic id: which channels are ticked, and which the ledger
 * had in force when the page was shown (sent back with the form, so that only a box the customer changed
 * grants or withdraws anything). A box is ticked only for a consent in force: never from the catalogue's
 * defaults nor from a channel choice without consent (GDPR art. 4(11), 7(1) and recital 32; CASL s. 10(1)).
 */
record ConsentBoxes(Map<String, Set<String>> ticked, Map<String, Set<String>> shown) {

    /** The page as the ledger has it: ticked where a consent is in force. */
    static ConsentBoxes inForce(Map<String, Set<String>> consented) {
        return new ConsentBoxes(consented, consented);
    }

    /** The page as submitted, shown again with its errors: the boxes as the customer left them. */
    static ConsentBoxes submitted(MultiValueMap<String, String> in, List<Topic> topics) {
        Map<String, Set<String>> ticked = new HashMap<>();
        Map<String, Set<String>> shown = new HashMap<>();
        for (Topic topic : topics) {
            ticked.put(topic.id(), new HashSet<>(CentreForm.channels(in, topic.id())));
            shown.put(topic.id(), shownIn(in, topic.id()));
        }
        return new ConsentBoxes(ticked, shown);
    }

    /** The channels of the topic whose consent was in force when the submitted page was shown. */
    static Set<String> shownIn(MultiValueMap<String, String> in, String topicId) {
        List<String> values = in.get("topic." + topicId + ".consented");
        return values == null ? Set.of() : new HashSet<>(values);
    }

    Set<String> ticked(String topicId) {
        return ticked.getOrDefault(topicId, Set.of());
    }

    Set<String> shown(String topicId) {
        return shown.getOrDefault(topicId, Set.of());
    }
}
