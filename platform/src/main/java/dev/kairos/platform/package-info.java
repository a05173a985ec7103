/** The one library the Kairos services share: outbox, applied events, topics, web errors, real infrastructure. */
package dev.kairos.platform;
