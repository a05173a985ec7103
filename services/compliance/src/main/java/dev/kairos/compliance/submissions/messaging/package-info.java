/** Reads preferences.consent-submissions.v1 into submissions. */
package dev.kairos.compliance.submissions.messaging;
