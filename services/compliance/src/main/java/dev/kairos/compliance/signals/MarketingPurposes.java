package dev.kairos.compliance.signals;

import java.util.List;

/**
 * The purposes of the MARKETING topics of the catalogue, replicated from {@code preferences.topics.v1}: what a
 * mailto unsubscribe withdraws for a customer who never gave consent (email marketing under an opt-out model).
 */
public interface MarketingPurposes {

    /** Records the topic's purpose as it now stands; a topic that is not MARKETING counts for none. */
    void put(String topicId, String purpose, boolean marketing);

    /** The topic left the catalogue (a tombstone). */
    void remove(String topicId);

    /** The distinct purposes of the MARKETING topics, in order. */
    List<String> all();
}
