/**
 * Real Kafka and PostgreSQL for integration tests (external, Testcontainers, or forked/embedded processes), test
 * tokens, and the check of a service's committed OpenAPI document against the running service.
 */
package dev.kairos.platform.testing;
