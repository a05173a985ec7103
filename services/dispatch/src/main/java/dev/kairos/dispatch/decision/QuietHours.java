package dev.kairos.dispatch.decision;

import java.time.LocalTime;
import java.util.Set;

/** The customer's "do not disturb" hours, local to their zone; {@code channels} empty means every channel. */
public record QuietHours(LocalTime from, LocalTime to, Set<Channel> channels) {

    boolean covers(Channel channel) {
        return channels.isEmpty() || channels.contains(channel);
    }
}
