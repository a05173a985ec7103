/** Consumer-side idempotency: the ids of applied events, recorded in the transaction of their effect. */
package dev.kairos.platform.events;
