/** Customers' preferences in PostgreSQL, one JSONB document and a version per customer. */
package dev.kairos.preferences.customers.persistence;
