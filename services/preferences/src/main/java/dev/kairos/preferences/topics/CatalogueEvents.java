package dev.kairos.preferences.topics;

/** Where catalogue changes are announced; called inside the transaction that stores the change. */
public interface CatalogueEvents {

    void topicDefined(TopicDefined event);
}
