package dev.kairos.compliance.signals;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;

/**
 * A channel signal as received from dispatch.
 *
 * @param address the raw address as the channel gave it
 * @param keyword the keyword dispatch recognised (STOP and HELP only), or {@code null}
 * @param rawText the text received (SMS body, bounce diagnostic), or {@code null}
 */
public record ReceivedSignal(String eventId, SignalType type, Channel channel, String address, String keyword,
                             String rawText, Instant receivedAt) {
}
