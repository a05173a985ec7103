/** Kafka side of the channel senders: send-queue bindings, outcomes and dead letters, marks, the current-state replica. */
package dev.kairos.dispatch.channels.messaging;
