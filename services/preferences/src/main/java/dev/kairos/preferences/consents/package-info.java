/** Consents a customer grants, confirms or withdraws on the customer pages, forwarded to compliance as submissions; and the consents the ledger holds, as compliance publishes them. */
package dev.kairos.preferences.consents;
