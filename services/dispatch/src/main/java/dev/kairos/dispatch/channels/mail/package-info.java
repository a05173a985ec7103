/** Postal letters: one A4 PDF per message, gathered into print batches with a manifest and checksums. */
package dev.kairos.dispatch.channels.mail;
