/** Double opt-in: the confirmation message with a single-use signed link, its confirmation and the purge of unconfirmed requests. */
package dev.kairos.compliance.confirmations;
