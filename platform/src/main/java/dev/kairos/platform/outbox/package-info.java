/** Transactional outbox: events are stored with the change they announce and relayed to Kafka in commit order. */
package dev.kairos.platform.outbox;
