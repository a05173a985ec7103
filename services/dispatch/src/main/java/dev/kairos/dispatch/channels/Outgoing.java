package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;
import java.time.Instant;
import java.util.List;

/**
 * One approved message as a channel sender sees it: addressed and rendered, ready for a provider.
 *
 * @param address     the normalised email, the E.164 number, or the postal address on record as one line
 * @param postal      the postal address for letters, else null
 * @param expiresAt   after it the provider is not called; null: never
 * @param jurisdiction the customer's jurisdiction when known (decides the postal footer of marketing email)
 */
public record Outgoing(String requestId, String customerId, String topic, boolean marketing, Channel channel,
                       String address, Postal postal, String locale, String subject, String text, String html,
                       String unsubscribeUrl, String jurisdiction, String campaignId, String consentEntryId,
                       Instant decidedAt, Instant expiresAt) {

    /** A postal address as the print house needs it. */
    public record Postal(String recipient, List<String> lines, String postalCode, String city, String country) {
    }

    /** Request id and channel: what a provider sees as one message, the same after a repeat. */
    public String sendKey() {
        return requestId + "/" + channel;
    }

    /** A file name for this message, safe on any file system and the same after a repeat: {@code <request>.<channel>}. */
    public String fileName() {
        return requestId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + channel.name().toLowerCase(java.util.Locale.ROOT);
    }
}
