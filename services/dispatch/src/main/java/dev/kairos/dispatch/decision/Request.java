package dev.kairos.dispatch.decision;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request to send one message, as the decision needs it.
 *
 * @param channels         the channels the sender allows; empty allows any
 * @param contentChannels  the channels the request carries content for
 * @param recipient        set only for SERVICE topics Kairos itself sends to an address not yet on record
 * @param deferWhenCapped  a capped message waits until the cap allows it (DEFER) instead of being dropped
 */
public record Request(String requestId, String customerId, String topic, List<Channel> channels, boolean all,
                      Set<Channel> contentChannels, Instant notBefore, Instant expiresAt, ContactPoint recipient,
                      boolean deferWhenCapped) {
}
