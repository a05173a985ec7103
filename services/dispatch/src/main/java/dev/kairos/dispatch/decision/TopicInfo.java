package dev.kairos.dispatch.decision;

import java.util.List;

/**
 * What dispatch knows of a catalogue topic.
 *
 * @param confirmsConsent whether it is the topic of double opt-in confirmations (see {@link ErasedAddressConfirmation})
 */
public record TopicInfo(String id, boolean marketing, String purpose, boolean urgent, List<Channel> defaultChannels,
                        boolean confirmsConsent) {

    public TopicInfo(String id, boolean marketing, String purpose, boolean urgent, List<Channel> defaultChannels) {
        this(id, marketing, purpose, urgent, defaultChannels, false);
    }

    /** This topic, marked as the topic of double opt-in confirmations. */
    public TopicInfo asConsentConfirmation() {
        return new TopicInfo(id, marketing, purpose, urgent, defaultChannels, true);
    }
}
