package dev.kairos.preferences.pages;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a link, a client address): each request takes a token, tokens come back at a
 * steady rate up to the bucket's capacity. Memory is bounded: beyond {@code maxKeys} keys the buckets that
 * have refilled completely, which remember nothing, are dropped, and if that is not enough, all of them.
 */
public final class TokenBuckets {

    private final int capacity;
    private final Duration refillEvery;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param capacity    the burst a key may send at once
     * @param refillEvery how long one token takes to come back
     */
    public TokenBuckets(int capacity, Duration refillEvery, int maxKeys, Clock clock) {
        if (capacity < 1 || refillEvery.isZero() || refillEvery.isNegative()) {
            throw new IllegalArgumentException("a bucket holds at least one token and refills at a positive rate");
        }
        this.capacity = capacity;
        this.refillEvery = refillEvery;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for {@code key}; empty when granted, otherwise how long until the next token. */
    public Optional<Duration> take(String key) {
        long now = clock.millis();
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.full(now));
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(now);
    }

    private final class Bucket {

        /** Tokens as a point in time: the bucket is full at {@code fullAt}, each token is {@code refillEvery} before. */
        private long fullAt;

        Bucket(long now) {
            this.fullAt = now;
        }

        synchronized Optional<Duration> take(long now) {
            long step = refillEvery.toMillis();
            long start = Math.max(fullAt, now);
            long next = start + step;
            if (next - now > (long) capacity * step) {
                return Optional.of(Duration.ofMillis(next - now - (long) capacity * step));
            }
            fullAt = next;
            return Optional.empty();
        }

        synchronized boolean full(long now) {
            return fullAt <= now;
        }
    }
}
