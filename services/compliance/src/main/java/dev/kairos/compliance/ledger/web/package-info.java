/** The auditors' view of the ledger: chain verification. */
package dev.kairos.compliance.ledger.web;
