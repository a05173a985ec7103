/** The compliance service: the consent ledger and the consent state other services rely on. */
package dev.kairos.compliance;
