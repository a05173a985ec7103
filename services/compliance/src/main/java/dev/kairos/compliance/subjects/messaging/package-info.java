/** Announces erasures on compliance.erasures.v1 through the outbox. */
package dev.kairos.compliance.subjects.messaging;
