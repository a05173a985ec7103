package dev.kairos.dispatch.engine;

import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.dispatch.SendMessage;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * On {@code CustomerErased} (keyed by customer id, co-partitioned with the decisions), deletes what this
 * task holds on the customer: their frequency history and their pending schedules. The replicas of their
 * preferences and consents go with the tombstones their owners publish. Schedules are ordered by instant,
 * not by customer, so they are scanned: erasures are rare, and a scan of one task's schedules is cheaper
 * than a second index kept on every schedule.
 */
class EraseProcessor implements Processor<String, CustomerErased, Void, Void> {

    private KeyValueStore<String, ?> history;
    private KeyValueStore<Bytes, SendMessage> schedules;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.history = context.getStateStore(StoreNames.SEND_HISTORY);
        this.schedules = context.getStateStore(StoreNames.SCHEDULES);
    }

    @Override
    public void process(Record<String, CustomerErased> record) {
        String customerId = record.value() == null ? record.key() : record.value().getCustomerId();
        if (customerId == null) {
            return;
        }
        history.delete(customerId);
        List<Bytes> theirs = new ArrayList<>();
        try (KeyValueIterator<Bytes, SendMessage> it = schedules.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, SendMessage> entry = it.next();
                if (customerId.equals(entry.value.getCustomerId())) {
                    theirs.add(entry.key);
                }
            }
        }
        theirs.forEach(schedules::delete);
    }
}
