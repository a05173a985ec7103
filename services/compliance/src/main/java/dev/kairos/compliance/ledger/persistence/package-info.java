/** Ledger entries and their erasable personal data in PostgreSQL. */
package dev.kairos.compliance.ledger.persistence;
