/** Announces catalogue entries on the topics topic, through the outbox. */
package dev.kairos.preferences.topics.messaging;
