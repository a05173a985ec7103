/** Reads dispatch.channel-signals.v1 into channel signals. */
package dev.kairos.compliance.signals.messaging;
