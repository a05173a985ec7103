/** Real Kafka and PostgreSQL for integration tests (external, Testcontainers, or forked/embedded processes), and test tokens. */
package dev.kairos.platform.testing;
