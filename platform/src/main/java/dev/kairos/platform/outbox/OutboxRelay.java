package dev.kairos.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order. Only the instance holding the PostgreSQL advisory lock
 * relays a batch, so several instances of a service never interleave their sends. A batch is deleted
 * only after the broker acknowledged all of it; a failure leaves the rows for the next attempt, which
 * starts again from the oldest row (consumers ignore the repeats by event id).
 *
 * <p>Each batch is one Kafka transaction. An idempotent producer alone is not enough: when one record of a
 * batch times out, the producer resets its sequence and sends the records behind it, so a consumer could
 * read a withdrawal before the grant it follows. In a transaction, a batch that failed anywhere is aborted
 * as a whole and read-committed consumers never see it; the retry then publishes it again in order. The
 * transactional id is the same on every instance of a service, so a new relay fences an old one.
 *
 * <p>A Kafka transaction costs the broker and the relay more than the records in it (markers on every
 * partition, two round trips), so under a steady trickle of commits a transaction per commit was most of
 * a write's cost (ADR 0002). After a batch smaller than the limit the relay therefore waits {@code gather}
 * before the next one, and the commits of that moment share one transaction; the first row after a quiet
 * spell still goes out at once, and a backlog is relayed without pause.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key; any constant works as long as every instance of the service uses the same. */
    private static final long RELAY_LOCK = 0x6B6169726F73L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<String, byte[]>> producers;
    private final int batchSize;
    private final Duration idlePoll;
    private final Duration gather;
    private final Counter published;
    private final Counter failures;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private Producer<String, byte[]> producer;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions,
                       Supplier<Producer<String, byte[]>> producers, int batchSize, Duration idlePoll,
                       Duration gather, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producers = producers;
        this.batchSize = batchSize;
        this.idlePoll = idlePoll;
        this.gather = gather;
        this.published = Counter.builder("kairos.outbox.published").register(meters);
        this.failures = Counter.builder("kairos.outbox.failures").register(meters);
    }

    void wakeUp() {
        wakeUps.release();
    }

    /** Relays one batch if this instance holds the relay lock; returns how many rows were published. */
    public int relayOnce() {
        Integer count = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query(
                    "SELECT id, topic, message_key, payload, event_id FROM outbox ORDER BY id LIMIT ?",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)),
                    batchSize);
            if (rows.isEmpty()) {
                return 0;
            }
            send(rows);
            jdbc.update("DELETE FROM outbox WHERE id = ANY (?)", (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        published.increment(count);
        return count;
    }

    private void send(List<Row> rows) {
        Producer<String, byte[]> p = producer();
        p.beginTransaction();
        try {
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                record.headers().add("kairos-event-id", row.eventId().getBytes(StandardCharsets.UTF_8));
                p.send(record);
            }
            // Flushes, and fails if any record of the batch failed: then nothing of it becomes visible.
            p.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly(p);
            throw new IllegalStateException("the broker did not take an outbox batch: " + e.getMessage(), e);
        }
    }

    private static void abortQuietly(Producer<String, byte[]> p) {
        try {
            p.abortTransaction();
        } catch (RuntimeException alreadyBroken) {
            // Fenced or timed out: the producer is discarded next, which aborts on the broker's side.
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            Producer<String, byte[]> created = producers.get();
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private void loop() {
        Duration backoff = idlePoll;
        while (running) {
            try {
                int count = relayOnce();
                backoff = idlePoll;
                if (count >= batchSize) {
                    continue;
                }
                if (count > 0) {
                    Thread.sleep(gather.toMillis());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("Outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                // A producer that timed out may hold half-sent state: start the next attempt afresh.
                discardProducer();
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
            try {
                wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        discardProducer();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Pending rows, for the backlog gauge. */
    public long pending() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
        return n == null ? 0 : n;
    }

    private record Row(long id, String topic, String key, byte[] payload, String eventId) {
    }

    /**
     * Settings of the relay's transactional producer: {@code transactionalId} must be the same on every
     * instance of a service (at most one relays at a time; a new one fences the previous one).
     */
    public static Map<String, Object> transactionalProducerSettings(String bootstrapServers, String transactionalId) {
        Map<String, Object> settings = new HashMap<>(idempotentProducerSettings(bootstrapServers, transactionalId));
        settings.put("transactional.id", transactionalId);
        settings.put("transaction.timeout.ms", 30_000);
        return Map.copyOf(settings);
    }

    /** Producer settings that keep per-partition order across retries. */
    public static Map<String, Object> idempotentProducerSettings(String bootstrapServers, String clientId) {
        return Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrapServers),
                Map.entry("client.id", clientId),
                Map.entry("enable.idempotence", true),
                Map.entry("acks", "all"),
                Map.entry("max.in.flight.requests.per.connection", 5),
                Map.entry("max.block.ms", 5_000),
                Map.entry("request.timeout.ms", 5_000),
                Map.entry("delivery.timeout.ms", 10_000),
                Map.entry("linger.ms", 5),
                Map.entry("key.serializer", "org.apache.kafka.common.serialization.StringSerializer"),
                Map.entry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
    }
}
