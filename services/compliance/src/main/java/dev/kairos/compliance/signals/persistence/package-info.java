/** Finds the customers whose consents name an address. */
package dev.kairos.compliance.signals.persistence;
