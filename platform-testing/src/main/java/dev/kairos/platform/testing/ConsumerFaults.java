package dev.kairos.platform.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a consumer must survive, for tests of the consumer bindings: hostile bytes on its topic, and a database
 * that refuses to record a given event as applied a number of times (a trigger on {@code applied_events}, the
 * table every consumer writes in the transaction that applies an event).
 */
public final class ConsumerFaults {

    private ConsumerFaults() {
    }

    /** Bytes that are no Avro record of any topic (a fixed seed, so a failure replays). */
    public static byte[] randomBytes(long seed) {
        byte[] bytes = new byte[1 + new Random(seed).nextInt(512)];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The first half of a valid record: the single-object header is right, the record is cut. */
    public static byte[] truncated(byte[] valid) {
        return Arrays.copyOf(valid, Math.max(11, valid.length / 2));
    }

    /**
     * Makes the database refuse, {@code times} times, the transaction that applies {@code eventId}, as an
     * unreachable or failing database would; attempts beyond are let through. {@link #attempts} counts them.
     */
    public static void failApplying(JdbcTemplate jdbc, String eventId, int times) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS test_failing_events (event_id TEXT PRIMARY KEY, failures INT NOT NULL)");
        // A sequence counts the attempts: it is not rolled back with the failed transaction.
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS \"test_attempts_" + eventId + "\"");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_fail_listed_events() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE allowed INT;
                BEGIN
                    SELECT failures INTO allowed FROM test_failing_events WHERE event_id = NEW.event_id;
                    IF FOUND AND nextval(format('%I', 'test_attempts_' || NEW.event_id)) <= allowed THEN
                        RAISE EXCEPTION 'database refused event % (test)', NEW.event_id;
                    END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("DROP TRIGGER IF EXISTS test_fail_listed_events ON applied_events");
        jdbc.execute("CREATE TRIGGER test_fail_listed_events BEFORE INSERT ON applied_events FOR EACH ROW "
                + "EXECUTE FUNCTION test_fail_listed_events()");
        jdbc.update("INSERT INTO test_failing_events (event_id, failures) VALUES (?, ?)", eventId, times);
    }

    /** How many times a consumer tried to apply {@code eventId} since {@link #failApplying}. */
    public static long attempts(JdbcTemplate jdbc, String eventId) {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM \"test_attempts_"
                + eventId + "\"", Long.class);
    }

    /** How long after its original a dead letter was written: under a second unless the record was retried. */
    public static Duration deadLetteredAfter(ConsumerRecord<?, ?> letter) {
        long original = ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-timestamp").value()).getLong();
        return Duration.ofMillis(letter.timestamp() - original);
    }

    /** A header of a record, as text (null when absent). */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
