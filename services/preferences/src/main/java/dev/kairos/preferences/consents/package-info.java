/** Consents a customer grants, confirms or withdraws on the customer pages, forwarded to compliance as submissions. */
package dev.kairos.preferences.consents;
