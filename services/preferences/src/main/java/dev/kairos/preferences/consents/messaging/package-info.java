/** Appends consent submissions to the outbox for {@code preferences.consent-submissions.v1}, and reads the ledger's consents from {@code compliance.consents.v1}. */
package dev.kairos.preferences.consents.messaging;
