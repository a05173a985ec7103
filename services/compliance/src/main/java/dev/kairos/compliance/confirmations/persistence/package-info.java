/** Confirmation requests and the erasable personal data of pending grants in PostgreSQL. */
package dev.kairos.compliance.confirmations.persistence;
