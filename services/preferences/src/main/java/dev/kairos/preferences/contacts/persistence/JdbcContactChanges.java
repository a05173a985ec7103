package dev.kairos.preferences.contacts.persistence;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.contacts.ContactChange;
import dev.kairos.preferences.contacts.ContactChanges;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcContactChanges implements ContactChanges {

    private final JdbcClient jdbc;

    JdbcContactChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void hold(ContactChange change) {
        jdbc.sql("""
                        INSERT INTO pending_contact_changes
                            (nonce, change_id, customer_id, channel, address, requested_at, expires_at)
                        VALUES (:nonce, :changeId, :customerId, :channel, :address, :requestedAt, :expiresAt)
                        ON CONFLICT (customer_id, channel) DO UPDATE SET nonce = EXCLUDED.nonce,
                            change_id = EXCLUDED.change_id, address = EXCLUDED.address,
                            requested_at = EXCLUDED.requested_at, expires_at = EXCLUDED.expires_at""")
                .param("nonce", change.nonce())
                .param("changeId", UUID.fromString(change.changeId()))
                .param("customerId", change.customerId())
                .param("channel", change.channel().name())
                .param("address", change.address())
                .param("requestedAt", Timestamp.from(change.requestedAt()))
                .param("expiresAt", Timestamp.from(change.expiresAt()))
                .update();
    }

    @Override
    public Optional<ContactChange> take(String customerId, String nonce) {
        return jdbc.sql("""
                        DELETE FROM pending_contact_changes WHERE nonce = :nonce AND customer_id = :customerId
                        RETURNING change_id, customer_id, channel, address, nonce, requested_at, expires_at""")
                .param("nonce", nonce)
                .param("customerId", customerId)
                .query((rs, row) -> new ContactChange(rs.getString("change_id"), rs.getString("customer_id"),
                        Channel.valueOf(rs.getString("channel")), rs.getString("address"), rs.getString("nonce"),
                        rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM pending_contact_changes WHERE expires_at <= :now")
                .param("now", Timestamp.from(now))
                .update();
    }
}
