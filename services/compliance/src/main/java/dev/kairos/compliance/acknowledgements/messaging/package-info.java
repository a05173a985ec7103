/** Hands acknowledgements to dispatch's request inbox as SendMessage requests, through the outbox. */
package dev.kairos.compliance.acknowledgements.messaging;
