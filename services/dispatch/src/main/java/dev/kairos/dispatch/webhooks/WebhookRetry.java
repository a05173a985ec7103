package dev.kairos.dispatch.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A delivery waiting on {@code dispatch.internal.webhook-retries.v1}, as the headers of its record (whose value is
 * the outcome as read, and whose key is the endpoint's name): to which endpoint, how many calls failed, since when
 * and when to call again, the last cause, and where the outcome came from (for a dead letter that says so).
 */
record WebhookRetry(String endpoint, int failedCalls, Instant since, Instant due, String cause, String originTopic,
                    String originPartition, String originOffset, String originKey) {

    static final String ENDPOINT = "kairos-webhook-endpoint";
    static final String FAILED_CALLS = "kairos-webhook-failed-calls";
    static final String SINCE = "kairos-webhook-since";
    static final String DUE = "kairos-webhook-due";
    static final String CAUSE = "kairos-webhook-cause";
    static final String ORIGIN_TOPIC = "kairos-webhook-origin-topic";
    static final String ORIGIN_PARTITION = "kairos-webhook-origin-partition";
    static final String ORIGIN_OFFSET = "kairos-webhook-origin-offset";
    static final String ORIGIN_KEY = "kairos-webhook-origin-key";

    /** The same delivery after one more failed call, due again at {@code due}. */
    WebhookRetry failedAgain(Instant nextDue, String lastCause) {
        return new WebhookRetry(endpoint, failedCalls + 1, since, nextDue, lastCause, originTopic, originPartition,
                originOffset, originKey);
    }

    /** The record's headers, in UTF-8 (instants as ISO-8601). */
    Map<String, byte[]> headers() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(ENDPOINT, utf8(endpoint));
        headers.put(FAILED_CALLS, utf8(Integer.toString(failedCalls)));
        headers.put(SINCE, utf8(since.toString()));
        headers.put(DUE, utf8(due.toString()));
        headers.put(CAUSE, utf8(cause));
        headers.put(ORIGIN_TOPIC, utf8(originTopic));
        headers.put(ORIGIN_PARTITION, utf8(originPartition));
        headers.put(ORIGIN_OFFSET, utf8(originOffset));
        if (originKey != null) {
            headers.put(ORIGIN_KEY, utf8(originKey));
        }
        return headers;
    }

    /**
     * @param header a record's last header of that name, or null
     * @throws IllegalArgumentException when a header the retry needs is missing or unreadable
     */
    static WebhookRetry of(Function<String, byte[]> header) {
        try {
            return new WebhookRetry(required(header, ENDPOINT), Integer.parseInt(required(header, FAILED_CALLS)),
                    Instant.parse(required(header, SINCE)), Instant.parse(required(header, DUE)),
                    required(header, CAUSE), required(header, ORIGIN_TOPIC), required(header, ORIGIN_PARTITION),
                    required(header, ORIGIN_OFFSET), optional(header, ORIGIN_KEY));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a webhook retry: " + e.getMessage(), e);
        }
    }

    /** The due time alone, or null when the record has none readable. */
    static Instant dueOf(Function<String, byte[]> header) {
        try {
            return Instant.parse(required(header, DUE));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String required(Function<String, byte[]> header, String name) {
        String value = optional(header, name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name + " header");
        }
        return value;
    }

    private static String optional(Function<String, byte[]> header, String name) {
        byte[] value = header.apply(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
