/** Reads contact-preferences snapshots and tombstones into the address index. */
package dev.kairos.compliance.contacts.messaging;
