/** What auditors read: the ledger export by time range and the GDPR art. 30 record of processing. */
package dev.kairos.compliance.audit;
