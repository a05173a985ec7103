/** The address index in PostgreSQL. */
package dev.kairos.compliance.contacts.persistence;
