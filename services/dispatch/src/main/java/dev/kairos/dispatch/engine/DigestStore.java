package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's digests: the waiting items, keyed by digest and request ({@link DigestKeys}), and when to look
 * at each digest, keyed like the schedules (8-byte instant, then the digest) so that what is due is one range
 * scan. A digest may be looked at more than once (woken by a preference change, held by quiet hours); each
 * look settles what is due and leaves the rest waiting.
 */
final class DigestStore {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, DigestEntry> items;
    private final KeyValueStore<Bytes, String> due;

    DigestStore(ProcessingContext context) {
        this.items = context.getStateStore(StoreNames.DIGEST_ITEMS);
        this.due = context.getStateStore(StoreNames.DIGEST_DUE);
    }

    KeyValueStore<String, DigestEntry> items() {
        return items;
    }

    /** Holds a request for its digest on {@code channel}, due at {@code at}. */
    void add(SendMessage request, Channel channel, Instant at, Instant now) {
        String digest = DigestKeys.digest(request.getCustomerId(), request.getTopic(), channel);
        items.put(DigestKeys.item(digest, request.getRequestId()), new DigestEntry(at, now, channel, request));
        lookAt(digest, at);
    }

    /** Looks at the digest again at {@code at}. */
    void lookAt(String digest, Instant at) {
        due.put(ScheduleKeys.of(at, digest), digest);
    }

    /** The digests to look at by {@code now}, oldest first, at most {@code max}; each is taken off the list. */
    List<String> takeDue(Instant now, int max) {
        List<KeyValue<Bytes, String>> taken = new ArrayList<>();
        try (KeyValueIterator<Bytes, String> it = due.range(null, ScheduleKeys.dueUpTo(now))) {
            while (it.hasNext() && taken.size() < max) {
                taken.add(it.next());
            }
        }
        taken.forEach(entry -> due.delete(entry.key));
        return taken.stream().map(entry -> entry.value).toList();
    }

    /** The items waiting in a digest (or, given a customer's prefix, in all of the customer's), keyed. */
    List<KeyValue<String, DigestEntry>> itemsOf(String prefix) {
        List<KeyValue<String, DigestEntry>> found = new ArrayList<>();
        try (KeyValueIterator<String, DigestEntry> it = items.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(found::add);
        }
        return found;
    }

    /** The customer's digests that hold items. */
    Set<String> digestsOf(String customerId) {
        Set<String> digests = new LinkedHashSet<>();
        for (KeyValue<String, DigestEntry> item : itemsOf(DigestKeys.ofCustomer(customerId))) {
            digests.add(DigestKeys.digestOf(item.key));
        }
        return digests;
    }

    void remove(String itemKey) {
        items.delete(itemKey);
    }
}
