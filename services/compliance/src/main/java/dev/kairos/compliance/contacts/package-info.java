/** The address index: which customers have an address on record, named by its keyed hash. */
package dev.kairos.compliance.contacts;
