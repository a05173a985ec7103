package dev.kairos.preferences.topics;

/** MARKETING needs consent as the customer's jurisdiction requires; SERVICE needs none. */
public enum TopicCategory {
    MARKETING, SERVICE
}
