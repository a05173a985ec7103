/** Publishes suppressions to compliance.suppressions.v1 (keyed by address HMAC) through the outbox. */
package dev.kairos.compliance.suppressions.messaging;
