package dev.kairos.compliance.activities.persistence;

import dev.kairos.compliance.activities.Activities;
import dev.kairos.compliance.consents.Purchases;
import dev.kairos.compliance.rules.ActivityType;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcActivities implements Activities, Purchases {

    private final JdbcClient jdbc;

    JdbcActivities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long add(String customerId, ActivityType type, Instant occurredAt, Instant recordedAt) {
        return jdbc.sql("INSERT INTO activities (customer_id, type, occurred_at, recorded_at) VALUES (?, ?, ?, ?) RETURNING id")
                .params(customerId, type.name(), occurredAt.atOffset(ZoneOffset.UTC), recordedAt.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
    }

    @Override
    public boolean madeBy(String customerId, Instant instant) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM activities
                                       WHERE customer_id = ? AND type = 'PURCHASE' AND occurred_at <= ?)""")
                .params(customerId, instant.atOffset(ZoneOffset.UTC))
                .query(Boolean.class)
                .single();
    }
}
