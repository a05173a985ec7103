/** The append-only, hash-chained consent ledger: every grant, confirmation and withdrawal with its proof. */
package dev.kairos.compliance.ledger;
