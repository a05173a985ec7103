/** Publishes each new version of a customer's preferences as a full snapshot, through the outbox. */
package dev.kairos.preferences.customers.messaging;
