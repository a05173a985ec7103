package dev.kairos.compliance.subjects.persistence;

import dev.kairos.compliance.subjects.ActivityRecord;
import dev.kairos.compliance.subjects.ConfirmationRecord;
import dev.kairos.compliance.subjects.CustomerExport;
import dev.kairos.compliance.subjects.LedgerRecord;
import dev.kairos.compliance.subjects.SubjectRecords;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcSubjectRecords implements SubjectRecords {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcSubjectRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<LedgerRecord> ledger(String customerId) {
        return jdbc.sql("""
                        SELECT l.sequence, l.entry_id, l.type, l.channel, l.purpose, l.basis, l.jurisdiction, l.source,
                            l.occurred_at, l.recorded_at, l.expires_at, p.address, p.evidence::text AS evidence
                        FROM consent_ledger l LEFT JOIN ledger_personal_data p ON p.entry_id = l.entry_id
                        WHERE l.customer_id = ? ORDER BY l.sequence""")
                .param(customerId)
                .query((rs, n) -> {
                    String evidence = rs.getString("evidence");
                    return new LedgerRecord(rs.getLong("sequence"), rs.getString("entry_id"), rs.getString("type"),
                            rs.getString("channel"), rs.getString("purpose"), rs.getString("basis"),
                            rs.getString("jurisdiction"), rs.getString("source"), instant(rs, "occurred_at"),
                            instant(rs, "recorded_at"), instant(rs, "expires_at"), rs.getString("address"),
                            evidence == null ? null : json.readValue(evidence, JSON_OBJECT));
                })
                .list();
    }

    @Override
    public List<ConfirmationRecord> confirmations(String customerId) {
        return jdbc.sql("""
                        SELECT channel, purpose, address, sent_at, expires_at, confirmed_at FROM confirmation_requests
                        WHERE customer_id = ? ORDER BY sent_at""")
                .param(customerId)
                .query((rs, n) -> new ConfirmationRecord(rs.getString("channel"), rs.getString("purpose"),
                        rs.getString("address"), instant(rs, "sent_at"), instant(rs, "expires_at"),
                        instant(rs, "confirmed_at")))
                .list();
    }

    @Override
    public Set<String> addresses(String customerId) {
        return new TreeSet<>(jdbc.sql("""
                        SELECT address FROM consent_state WHERE customer_id = :customer AND address IS NOT NULL
                        UNION SELECT p.address FROM ledger_personal_data p JOIN consent_ledger l ON l.entry_id = p.entry_id
                            WHERE l.customer_id = :customer AND p.address IS NOT NULL
                        UNION SELECT address FROM confirmation_requests WHERE customer_id = :customer AND address IS NOT NULL""")
                .param("customer", customerId)
                .query(String.class)
                .list());
    }

    @Override
    public int retainUsProof(String customerId, Instant recordedAfter, Instant erasedAt) {
        return jdbc.sql("""
                        INSERT INTO retained_consent_proof (entry_id, salt, address, evidence, retain_until, erased_at)
                        SELECT p.entry_id, p.salt, p.address, p.evidence, l.recorded_at + interval '5 years', ?
                        FROM ledger_personal_data p JOIN consent_ledger l ON l.entry_id = p.entry_id
                        WHERE l.customer_id = ? AND (l.jurisdiction = 'US' OR l.jurisdiction LIKE 'US-%')
                            AND l.recorded_at > ?
                        ON CONFLICT (entry_id) DO NOTHING""")
                .params(utc(erasedAt), customerId, utc(recordedAfter))
                .update();
    }

    @Override
    public List<ActivityRecord> activities(String customerId) {
        return jdbc.sql("SELECT type, occurred_at, recorded_at FROM activities WHERE customer_id = ? ORDER BY occurred_at, id")
                .param(customerId)
                .query((rs, n) -> new ActivityRecord(rs.getString("type"), instant(rs, "occurred_at"),
                        instant(rs, "recorded_at")))
                .list();
    }

    @Override
    public Optional<CustomerExport.OptOutRecord> emailMarketingOptOut(String customerId) {
        return jdbc.sql("SELECT signal_event_id, opted_out_at FROM email_marketing_opt_outs WHERE customer_id = ?")
                .param(customerId)
                .query((rs, row) -> new CustomerExport.OptOutRecord(rs.getString(1), instant(rs, "opted_out_at")))
                .optional();
    }

    @Override
    public int purgeRetainedProof(Instant now) {
        return jdbc.sql("DELETE FROM retained_consent_proof WHERE retain_until <= ?").param(utc(now)).update();
    }

    @Override
    public void erase(String customerId) {
        jdbc.sql("""
                        DELETE FROM ledger_personal_data p USING consent_ledger l
                        WHERE l.entry_id = p.entry_id AND l.customer_id = ?""")
                .param(customerId)
                .update();
        jdbc.sql("DELETE FROM confirmation_requests WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM activities WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM email_marketing_opt_outs WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("UPDATE consent_state SET address = NULL WHERE customer_id = ?").param(customerId).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
