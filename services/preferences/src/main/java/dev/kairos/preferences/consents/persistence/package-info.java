/** The replica of the ledger's consents in PostgreSQL. */
package dev.kairos.preferences.consents.persistence;
