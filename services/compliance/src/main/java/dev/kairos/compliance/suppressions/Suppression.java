package dev.kairos.compliance.suppressions;

import dev.kairos.compliance.addresses.Channel;
import java.time.Instant;

/**
 * A do-not-contact entry for one address. There is one per address: the topic that carries them is
 * compacted and keyed by the address HMAC.
 *
 * @param channel {@code null} for every channel
 * @param source  what suppressed it, e.g. {@code HARD_BOUNCE} signal, {@code API}, {@code ERASURE}
 */
public record Suppression(String addressHmac, Channel channel, SuppressionReason reason, Instant since, String source) {

    /**
     * The entry that stands after {@code incoming} arrives for an address that already has this one. An
     * erasure stays an erasure: only a fresh opt-in by the person may lift it, and another reason must not
     * make it liftable some other way. Two entries for different channels cover every channel.
     */
    public Suppression merge(Suppression incoming) {
        if (reason == SuppressionReason.ERASURE) {
            return this;
        }
        Channel covered = channel == null || incoming.channel() == null || channel != incoming.channel()
                ? null : channel;
        return new Suppression(addressHmac, covered, incoming.reason(), incoming.since(), incoming.source());
    }

    /** Whether this entry stops messages on {@code other}. */
    public boolean covers(Channel other) {
        return channel == null || channel == other;
    }
}
