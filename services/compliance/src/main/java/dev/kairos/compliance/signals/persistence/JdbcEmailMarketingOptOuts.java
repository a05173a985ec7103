package dev.kairos.compliance.signals.persistence;

import dev.kairos.compliance.signals.EmailMarketingOptOuts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcEmailMarketingOptOuts implements EmailMarketingOptOuts {

    private final JdbcClient jdbc;

    JdbcEmailMarketingOptOuts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(String customerId, String signalEventId, Instant optedOutAt) {
        jdbc.sql("""
                        INSERT INTO email_marketing_opt_outs (customer_id, signal_event_id, opted_out_at) VALUES (?, ?, ?)
                        ON CONFLICT (customer_id) DO UPDATE
                            SET signal_event_id = excluded.signal_event_id, opted_out_at = excluded.opted_out_at""")
                .params(customerId, signalEventId, optedOutAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    @Override
    public List<OptOut> all() {
        return jdbc.sql("SELECT customer_id, signal_event_id, opted_out_at FROM email_marketing_opt_outs ORDER BY customer_id")
                .query((rs, row) -> new OptOut(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }
}
