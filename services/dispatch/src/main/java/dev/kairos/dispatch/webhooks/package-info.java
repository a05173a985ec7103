/**
 * Outcomes to the campaign systems over HTTPS (ADR 0046): a consumer of {@code dispatch.outcomes.v1} POSTs each
 * outcome an endpoint selected as JSON, signed with the endpoint's secret (Standard Webhooks headers and
 * {@code Kairos-Signature}), retries 408, 429, 5xx, time-outs and connection failures with exponential backoff and
 * jitter, and sets a delivery that still fails aside on the dead-letter topic, then goes on with the next outcome.
 */
package dev.kairos.dispatch.webhooks;
