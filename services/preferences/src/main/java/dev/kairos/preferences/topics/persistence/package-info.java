/** The catalogue in PostgreSQL. */
package dev.kairos.preferences.topics.persistence;
