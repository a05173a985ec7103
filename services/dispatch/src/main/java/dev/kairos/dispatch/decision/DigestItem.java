package dev.kairos.dispatch.decision;

import java.time.Instant;

/**
 * A message held for a digest.
 *
 * @param channel  the channel of the digest it waits for
 * @param at       the digest instant computed when it was queued
 * @param queuedAt when it was queued: with the customer's current choice, it says which digest it belongs to
 */
public record DigestItem(Request request, Channel channel, Instant at, Instant queuedAt) {
}
