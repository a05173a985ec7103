/** Publishes ledger entries to compliance.consent-ledger.v1 through the outbox. */
package dev.kairos.compliance.ledger.messaging;
