/** Suppressions in PostgreSQL. */
package dev.kairos.compliance.suppressions.persistence;
