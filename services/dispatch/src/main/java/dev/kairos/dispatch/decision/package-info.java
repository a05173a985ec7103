/** The send decision: a pure function of the request, the customer's choices, consents, suppressions and the time. */
package dev.kairos.dispatch.decision;
