/** Current consent state and per-customer versions in PostgreSQL. */
package dev.kairos.compliance.consents.persistence;
