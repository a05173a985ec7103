package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import java.time.Instant;

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

    /** Whether a request id names a digest message: request ids may not contain a slash. */
    static boolean isDigestId(String requestId) {
        return requestId.startsWith(ID_PREFIX);
    }

    /** The digest instant a digest id carries. */
    static Instant instantOf(String digestId) {
        String last = digestId.substring(digestId.lastIndexOf('/') + 1);
        int part = last.indexOf('-');
        return Instant.ofEpochMilli(Long.parseLong(part < 0 ? last : last.substring(0, part)));
    }

    /** Whether a digest id is one of this customer's. */
    static boolean isOf(String digestId, String customerId) {
        return digestId.startsWith(ID_PREFIX + ofCustomer(customerId));
    }
}
