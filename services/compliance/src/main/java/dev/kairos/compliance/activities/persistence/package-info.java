/** Activities in PostgreSQL. */
package dev.kairos.compliance.activities.persistence;
