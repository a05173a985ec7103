/** Appends consent submissions to the outbox for {@code preferences.consent-submissions.v1}. */
package dev.kairos.preferences.consents.messaging;
