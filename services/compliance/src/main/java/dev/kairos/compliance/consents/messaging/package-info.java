/** Publishes each customer's consent snapshot to compliance.consents.v1 through the outbox. */
package dev.kairos.compliance.consents.messaging;
