package dev.kairos.dispatch.decision;

import java.util.List;

/** What dispatch knows of a catalogue topic. */
public record TopicInfo(String id, boolean marketing, String purpose, boolean urgent, List<Channel> defaultChannels) {
}
