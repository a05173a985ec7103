/** Grants, confirmations and withdrawals a customer made on a preferences page or link. */
package dev.kairos.compliance.submissions;
