/** Opt-outs and delivery failures reported by the channels: STOP, HELP, mailto unsubscribe, bounces, complaints, returned mail. */
package dev.kairos.compliance.signals;
