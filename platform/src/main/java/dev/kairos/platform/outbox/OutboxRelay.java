package dev.kairos.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.kairos.platform.kafka.KafkaTraceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
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
 *
 * <p>One row must never hold back the others (ADR 0017). A row whose record the producer or the broker
 * refuses for what it is (too large, invalid) moves at once to {@code outbox_quarantine}, with its cause,
 * in the transaction that deletes it from the outbox. After a batch failed for no reason a row carries,
 * its rows go out one by one; a row that keeps failing alone while the broker answers is quarantined after
 * {@code maxAttempts}. While the broker does not answer nothing is counted and nothing quarantined: the
 * relay waits and keeps the order.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key; any constant works as long as every instance of the service uses the same. */
    private static final long RELAY_LOCK = 0x6B6169726F73L;

    /** Longest cause kept with a quarantined row: the exception's class and message, never the payload. */
    private static final int CAUSE_LENGTH = 2_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Supplier<Producer<String, byte[]>> producers;
    private final BrokerProbe probe;
    private final Tuning tuning;
    private final Counter published;
    private final Counter failures;
    private final Counter quarantinedMoves;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;
    private Thread worker;
    private Producer<String, byte[]> producer;
    /** After a batch failed for no reason a row carries, rows up to this id go out one by one; -1: none. */
    private long isolateThrough = -1;
    /** The row that last failed alone, and how often it did while the broker answered. */
    private long failingRow = -1;
    private int failingRowAttempts;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions,
                       Supplier<Producer<String, byte[]>> producers, BrokerProbe probe, Tuning tuning,
                       MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producers = producers;
        this.probe = probe;
        this.tuning = tuning;
        this.published = Counter.builder("kairos.outbox.published").register(meters);
        this.failures = Counter.builder("kairos.outbox.failures").register(meters);
        this.quarantinedMoves = Counter.builder("kairos.outbox.quarantined.moves")
                .description("Outbox rows moved to the quarantine table").register(meters);
    }

    /**
     * @param batchSize   most rows in one Kafka transaction
     * @param idlePoll    wait between polls of an empty outbox, and the first back-off after a failure
     * @param gather      wait after a batch smaller than the limit, so the commits of that moment share one
     * @param maxAttempts failed attempts of a row sent alone, while the broker answers, before it is quarantined
     */
    public record Tuning(int batchSize, Duration idlePoll, Duration gather, int maxAttempts) {
    }

    void wakeUp() {
        wakeUps.release();
    }

    /**
     * Relays one batch if this instance holds the relay lock; returns how many rows were published. A row
     * that cannot be published moves to the quarantine table instead (and counts as none published); a
     * failure that no single row is to blame for is thrown, and the next attempt starts again from the
     * oldest row.
     */
    public int relayOnce() {
        Integer count = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query(
                    "SELECT id, topic, message_key, payload, event_id, traceparent FROM outbox ORDER BY id LIMIT ?",
                    (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                            rs.getString(6)),
                    isolateThrough >= 0 ? 1 : tuning.batchSize());
            if (rows.isEmpty()) {
                isolateThrough = -1;
                return 0;
            }
            RowFailure failure = send(rows);
            if (failure == null) {
                jdbc.update("DELETE FROM outbox WHERE id = ANY (?)", (Object) rows.stream().map(Row::id).toArray(Long[]::new));
                if (rows.get(rows.size() - 1).id() >= isolateThrough) {
                    isolateThrough = -1;
                }
                failingRow = -1;
                return rows.size();
            }
            if (failure.row() != null) {
                // The broker or the producer refused this record for what it is: no retry can change that.
                quarantine(failure.row(), failure.cause(), attemptsOf(failure.row()) + 1);
                return 0;
            }
            if (rows.size() > 1) {
                // Which row is to blame is unknown: send the rows of this batch one by one to find out.
                isolateThrough = rows.get(rows.size() - 1).id();
                throw failure.asException();
            }
            Row row = rows.get(0);
            // Counted only while the broker answers: when Kafka is down every row fails and none is to blame.
            if (probe.reachable()) {
                int attempts = attemptsOf(row) + 1;
                failingRow = row.id();
                failingRowAttempts = attempts;
                if (attempts >= tuning.maxAttempts()) {
                    quarantine(row, failure.cause(), attempts);
                    return 0;
                }
            }
            throw failure.asException();
        });
        published.increment(count);
        return count;
    }

    private int attemptsOf(Row row) {
        return failingRow == row.id() ? failingRowAttempts : 0;
    }

    private void quarantine(Row row, Throwable cause, int attempts) {
        String reason = cause.getClass().getName() + ": " + cause.getMessage();
        jdbc.update("""
                WITH moved AS (DELETE FROM outbox WHERE id = ?
                               RETURNING id, topic, message_key, payload, event_id, created_at, traceparent)
                INSERT INTO outbox_quarantine (id, topic, message_key, payload, event_id, created_at, traceparent, cause,
                                               attempts)
                SELECT id, topic, message_key, payload, event_id, created_at, traceparent, ?, ? FROM moved""",
                row.id(), reason.length() > CAUSE_LENGTH ? reason.substring(0, CAUSE_LENGTH) : reason, attempts);
        quarantinedMoves.increment();
        failingRow = -1;
        // The message key is a customer id: the row id and event id are enough to find the row.
        log.error("Outbox row {} (event {}, topic {}) quarantined after {} attempt(s): {}", row.id(), row.eventId(),
                row.topic(), attempts, reason);
        // The rows behind it go on at once, not after the idle poll.
        wakeUp();
    }

    /** Publishes the rows in one Kafka transaction; returns null when the broker took all of them. */
    private RowFailure send(List<Row> rows) {
        Producer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        RuntimeException failure = null;
        try {
            p.beginTransaction();
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
                record.headers().add("kairos-event-id", row.eventId().getBytes(StandardCharsets.UTF_8));
                // The trace of the request that wrote the row: this thread has none of its own.
                KafkaTraceHeaders.restore(record.headers(), row.traceparent());
                sent.add(p.send(record));
            }
            // Flushes, and fails if any record of the batch failed: then nothing of it becomes visible.
            p.commitTransaction();
            return null;
        } catch (RuntimeException e) {
            failure = e;
        }
        // Looked at before aborting, which fails the records still pending for a reason of its own.
        RowFailure blamed = blame(rows, sent, failure);
        abortQuietly(p);
        // A producer that failed may hold half-sent state: the next attempt starts afresh.
        discardProducer();
        return blamed;
    }

    /**
     * The row whose own record the producer or the broker refused for what it is, whatever its place in
     * the batch (a refused record also fails the records sent after it, for reasons of their own).
     */
    private static RowFailure blame(List<Row> rows, List<Future<RecordMetadata>> sent, RuntimeException failure) {
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> future = sent.get(i);
            if (future.isDone()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (isTheRecordsFault(e.getCause())) {
                        return new RowFailure(rows.get(i), e.getCause(), failure);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (CancellationException ignored) {
                    // Not this row's doing.
                }
            }
        }
        return new RowFailure(null, failure, failure);
    }

    private static boolean isTheRecordsFault(Throwable cause) {
        return cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                || cause instanceof SerializationException || cause instanceof InvalidTopicException
                || cause instanceof InvalidRecordException;
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
        Duration backoff = tuning.idlePoll();
        while (running) {
            try {
                int count = relayOnce();
                backoff = tuning.idlePoll();
                if (count >= tuning.batchSize()) {
                    continue;
                }
                if (count > 0) {
                    Thread.sleep(tuning.gather().toMillis());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                log.warn("Outbox relay failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
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
        probe.close();
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

    /**
     * Age of the oldest pending row, zero when none is pending. Measured on the database's clock, the one
     * that stamped the row, so a skew between the service's and the database's clocks does not count.
     */
    public Duration oldestPendingAge() {
        Double seconds = jdbc.queryForObject("""
                SELECT COALESCE(EXTRACT(EPOCH FROM now() - (SELECT created_at FROM outbox ORDER BY id LIMIT 1)), 0)""",
                Double.class);
        return seconds == null || seconds < 0 ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
    }

    /** Rows in the quarantine table, waiting for an operator. */
    public long quarantined() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM outbox_quarantine", Long.class);
        return n == null ? 0 : n;
    }

    private record Row(long id, String topic, String key, byte[] payload, String eventId, String traceparent) {
    }

    /** A failed attempt; {@code row} is the row to blame, or null when no single row is. */
    private record RowFailure(Row row, Throwable cause, RuntimeException failure) {

        IllegalStateException asException() {
            return new IllegalStateException("the broker did not take an outbox batch: " + failure.getMessage(), failure);
        }
    }
}
