package dev.kairos.preferences.consents.persistence;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.consents.LedgerConsent;
import dev.kairos.preferences.consents.LedgerConsents;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcLedgerConsents implements LedgerConsents {

    private final JdbcClient jdbc;

    JdbcLedgerConsents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public boolean replace(String customerId, long version, List<LedgerConsent> consents) {
        int advanced = jdbc.sql("""
                        INSERT INTO ledger_consent_versions (customer_id, version) VALUES (:id, :version)
                        ON CONFLICT (customer_id) DO UPDATE SET version = EXCLUDED.version
                        WHERE ledger_consent_versions.version < EXCLUDED.version""")
                .param("id", customerId)
                .param("version", version)
                .update();
        if (advanced == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM ledger_consents WHERE customer_id = :id").param("id", customerId).update();
        for (LedgerConsent consent : consents) {
            jdbc.sql("""
                            INSERT INTO ledger_consents (customer_id, channel, purpose, status, expires_at)
                            VALUES (:id, :channel, :purpose, :status, :expiresAt)""")
                    .param("id", customerId)
                    .param("channel", consent.channel().name())
                    .param("purpose", consent.purpose())
                    .param("status", consent.status())
                    .param("expiresAt", consent.expiresAt() == null ? null : Timestamp.from(consent.expiresAt()))
                    .update();
        }
        return true;
    }

    @Override
    public void forget(String customerId) {
        jdbc.sql("DELETE FROM ledger_consent_versions WHERE customer_id = :id").param("id", customerId).update();
    }

    @Override
    public List<LedgerConsent> of(String customerId) {
        return jdbc.sql("SELECT channel, purpose, status, expires_at FROM ledger_consents WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, row) -> {
                    Timestamp expiresAt = rs.getTimestamp("expires_at");
                    return new LedgerConsent(Channel.valueOf(rs.getString("channel")), rs.getString("purpose"),
                            rs.getString("status"), expiresAt == null ? null : expiresAt.toInstant());
                })
                .list();
    }
}
