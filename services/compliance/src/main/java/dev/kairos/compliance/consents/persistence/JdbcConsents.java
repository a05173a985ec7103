package dev.kairos.compliance.consents.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.consents.Consents;
import dev.kairos.compliance.ledger.LegalBasis;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConsents implements Consents {

    private static final String UPSERT = """
            INSERT INTO consent_state (customer_id, channel, purpose, status, basis, address, address_hmac,
                entry_id, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET
                status = excluded.status, basis = excluded.basis, address = excluded.address,
                address_hmac = excluded.address_hmac, entry_id = excluded.entry_id,
                expires_at = excluded.expires_at""";

    private static final String CONSENT_COLUMNS = "channel, purpose, status, basis, address, address_hmac, entry_id, expires_at";

    private final JdbcClient jdbc;

    JdbcConsents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextVersion(String customerId, Instant updatedAt) {
        return jdbc.sql("""
                        INSERT INTO consent_versions (customer_id, version, updated_at) VALUES (?, 1, ?)
                        ON CONFLICT (customer_id)
                        DO UPDATE SET version = consent_versions.version + 1, updated_at = excluded.updated_at
                        RETURNING version""")
                .params(customerId, utc(updatedAt))
                .query(Long.class)
                .single();
    }

    @Override
    public void save(String customerId, Consent c) {
        jdbc.sql(UPSERT)
                .params(customerId, c.channel().name(), c.purpose(), c.status().name(),
                        c.basis() == null ? null : c.basis().name(), c.address(), c.addressHmac(), c.entryId(),
                        utc(c.expiresAt()))
                .update();
    }

    @Override
    public List<String> customersWithExpiryDue(Instant instant, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT customer_id FROM consent_state
                        WHERE status = 'ACTIVE' AND expires_at IS NOT NULL AND expires_at <= ? LIMIT ?""")
                .params(utc(instant), limit)
                .query(String.class)
                .list();
    }

    @Override
    public List<Consent> of(String customerId) {
        return jdbc.sql("SELECT " + CONSENT_COLUMNS + " FROM consent_state WHERE customer_id = ? ORDER BY channel, purpose")
                .param(customerId)
                .query((rs, n) -> consent(rs))
                .list();
    }

    private static Consent consent(ResultSet rs) throws SQLException {
        String basis = rs.getString("basis");
        OffsetDateTime expiresAt = rs.getObject("expires_at", OffsetDateTime.class);
        return new Consent(Channel.valueOf(rs.getString("channel")), rs.getString("purpose"),
                ConsentStatus.valueOf(rs.getString("status")),
                basis == null ? null : LegalBasis.valueOf(basis), rs.getString("address"),
                rs.getString("address_hmac"), rs.getObject("entry_id", UUID.class),
                expiresAt == null ? null : expiresAt.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
