package dev.kairos.platform.outbox;

import dev.kairos.platform.kafka.KafkaTraceHeaders;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends an event to the outbox inside the caller's transaction. Callers change their aggregate row
 * first (taking its row lock) and append afterwards, so two changes of one customer get outbox ids in
 * the order they commit, which is the order the relay publishes them in. Each row keeps the trace current
 * when it is appended, which the relay writes into the record's headers (ADR 0047).
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final KafkaTraceHeaders traces;

    /** An outbox whose rows carry no trace. */
    public Outbox(JdbcTemplate jdbc, OutboxRelay relay) {
        this(jdbc, relay, KafkaTraceHeaders.NONE);
    }

    public Outbox(JdbcTemplate jdbc, OutboxRelay relay, KafkaTraceHeaders traces) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.traces = traces;
    }

    /**
     * @param payload the encoded record, or {@code null} for a tombstone
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, byte[] payload, String eventId) {
        appendAll(topic, List.of(new Message(key, payload, eventId)));
    }

    /**
     * Appends the messages in order, in one batch of inserts: for a change that announces many events at
     * once (a batch of ledger entries), where one round trip per event would dominate.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(String topic, List<Message> messages) {
        // Checked here too, not only by the annotation: without a Spring proxy nothing else would stop an
        // auto-committed row from announcing a change that may still roll back.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction of the change it announces");
        }
        if (messages.isEmpty()) {
            return;
        }
        String traceparent = traces.currentTraceparent();
        String insert = "INSERT INTO outbox (topic, message_key, payload, event_id, traceparent) VALUES (?, ?, ?, ?, ?)";
        if (messages.size() == 1) {
            Message m = messages.get(0);
            jdbc.update(insert, topic, m.key(), m.payload(), m.eventId(), traceparent);
        } else {
            jdbc.batchUpdate(insert, messages.stream()
                    .map(m -> new Object[] {topic, m.key(), m.payload(), m.eventId(), traceparent}).toList());
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /**
     * One event to publish.
     *
     * @param payload the encoded record, or {@code null} for a tombstone
     */
    public record Message(String key, byte[] payload, String eventId) {
    }
}
