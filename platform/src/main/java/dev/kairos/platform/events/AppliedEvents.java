package dev.kairos.platform.events;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records that a consumer applied an event, in the transaction that applies it. */
public class AppliedEvents {

    private final JdbcTemplate jdbc;

    public AppliedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the event applied by this consumer.
     *
     * @return {@code true} the first time, {@code false} when the event was applied before (skip it)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markApplied(String consumer, String eventId) {
        return jdbc.update("INSERT INTO applied_events (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                consumer, eventId) == 1;
    }
}
