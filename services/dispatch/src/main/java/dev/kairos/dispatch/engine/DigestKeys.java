package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import java.time.Instant;
import java.util.Optional;

/**
 * Names of digests and of their items. A digest is one customer's messages of one topic on one channel,
 * {@code <customer>/<topic>/<CHANNEL>/}; an item's key is that prefix and its request id, so a digest's items,
 * and all of a customer's, are one prefix scan. Customer, topic and request ids never contain a slash.
 */
final class DigestKeys {

    private static final String ID_PREFIX = "digest/";

    private DigestKeys() {
    }

    static String digest(String customerId, String topic, Channel channel) {
        return customerId + "/" + topic + "/" + channel.name() + "/";
    }

    static String item(String digest, String requestId) {
        return digest + requestId;
    }

    static String ofCustomer(String customerId) {
        return customerId + "/";
    }

    /** The digest a key of the item store belongs to: everything up to the last slash. */
    static String digestOf(String itemKey) {
        return itemKey.substring(0, itemKey.lastIndexOf('/') + 1);
    }

    /**
     * The id of one digest message: its outcomes carry it as their request id, and its items' outcomes name it.
     * {@code part} numbers the messages of one digest too long for one ({@code digest/c-42/news/EMAIL/<ms>-2}).
     */
    static String id(String digest, Instant at, int part) {
        return ID_PREFIX + digest + at.toEpochMilli() + (part > 1 ? "-" + part : "");
    }

    /**
     * The digest instant a digest id carries; empty for any other request id (request ids may not contain a
     * slash, and a record written straight to the inbox is rejected with whatever id it has).
     */
    static Optional<Instant> instantOf(String requestId) {
        if (!requestId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        String last = requestId.substring(requestId.lastIndexOf('/') + 1);
        int part = last.indexOf('-');
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(part < 0 ? last : last.substring(0, part))));
        } catch (NumberFormatException notADigest) {
            return Optional.empty();
        }
    }

    /** Whether a digest id is one of this customer's. */
    static boolean isOf(String digestId, String customerId) {
        return digestId.startsWith(ID_PREFIX + ofCustomer(customerId));
    }
}
