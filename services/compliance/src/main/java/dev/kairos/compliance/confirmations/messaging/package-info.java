/** Reads pending grants from compliance.consent-ledger.v1 and sends confirmation messages to dispatch through the outbox. */
package dev.kairos.compliance.confirmations.messaging;
