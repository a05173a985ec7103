/**
 * Outcomes to the campaign systems over HTTPS (ADR 0046, 0050): a consumer of {@code dispatch.outcomes.v1} POSTs each
 * outcome an endpoint selected as JSON, signed with the endpoint's secret (Standard Webhooks headers and
 * {@code Kairos-Signature}), once; a delivery that failed transiently waits on
 * {@code dispatch.internal.webhook-retries.v1} for the webhook retries, which call it again with exponential backoff
 * and jitter for 24 hours, then set it aside on the dead-letter topic; no endpoint's failures hold another's.
 */
package dev.kairos.dispatch.webhooks;
