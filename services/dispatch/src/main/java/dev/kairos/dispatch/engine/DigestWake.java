package dev.kairos.dispatch.engine;

import dev.kairos.proto.preferences.ContactPreferences;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * When a customer's preferences change, has each of their waiting digests looked at right away: a topic
 * switched back to one message at a time flushes what waits, a topic the customer left ends it, and a new digest
 * time or channel moves it (the look itself, in {@link DecideProcessor}, decides which). A digest that nothing
 * changed for keeps waiting for its time.
 */
class DigestWake implements Processor<String, ContactPreferences, Void, Void> {

    private final Clock clock;
    private DigestStore digests;

    DigestWake(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.digests = new DigestStore(context);
    }

    @Override
    public void process(Record<String, ContactPreferences> record) {
        if (record.key() == null) {
            return;
        }
        Instant now = clock.instant();
        digests.digestsOf(record.key()).forEach(digest -> digests.lookAt(digest, now));
    }
}
