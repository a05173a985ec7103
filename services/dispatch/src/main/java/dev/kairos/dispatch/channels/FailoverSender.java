package dev.kairos.dispatch.channels;

/**
 * A channel's optional second provider (a second SMTP relay, a second SMSC bind): it takes a send when the
 * primary's circuit is open or the primary failed for that send (see {@link Delivery}).
 */
public record FailoverSender(ChannelSender sender) {
}
