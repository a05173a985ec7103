/**
 * What comes back from the channels and becomes a {@code dispatch.channel-signals.v1} record: the mail an inbound
 * mail provider received for us (delivery status notifications, feedback reports, mails to the unsubscribe
 * address), letters the print house got back, and (through {@link dev.kairos.dispatch.inbound.ChannelSignals})
 * the SMS keywords of the SMS channel end. Compliance turns the signals into withdrawals and suppressions.
 */
package dev.kairos.dispatch.inbound;
