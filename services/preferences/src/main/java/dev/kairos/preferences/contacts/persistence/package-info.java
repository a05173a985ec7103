/** PostgreSQL storage of pending contact changes. */
package dev.kairos.preferences.contacts.persistence;
