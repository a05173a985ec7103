package dev.kairos.compliance.confirmations.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.confirmations.ConfirmationRequest;
import dev.kairos.compliance.confirmations.ConfirmationRequests;
import dev.kairos.compliance.ledger.LegalBasis;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConfirmationRequests implements ConfirmationRequests {

    private final JdbcClient jdbc;

    JdbcConfirmationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ConfirmationRequest r) {
        jdbc.sql("""
                        INSERT INTO confirmation_requests (nonce, customer_id, channel, purpose, basis, jurisdiction, address,
                            pending_entry_id, sent_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.nonce(), r.customerId(), r.channel().name(), r.purpose(),
                        r.basis() == null ? null : r.basis().name(), r.jurisdiction(), r.address(),
                        UUID.fromString(r.pendingEntryId()), utc(r.sentAt()), utc(r.expiresAt()))
                .update();
    }

    @Override
    public Optional<ConfirmationRequest> lock(String nonce) {
        return jdbc.sql("SELECT * FROM confirmation_requests WHERE nonce = ? FOR UPDATE")
                .param(nonce)
                .query((rs, n) -> request(rs))
                .optional();
    }

    @Override
    public void confirmed(String nonce, Instant at, String entryId) {
        jdbc.sql("UPDATE confirmation_requests SET confirmed_at = ?, confirmed_entry_id = ? WHERE nonce = ?")
                .params(utc(at), UUID.fromString(entryId), nonce)
                .update();
    }

    @Override
    public int purgeUnconfirmed(Instant sentBefore) {
        List<UUID> entries = jdbc.sql("""
                        DELETE FROM confirmation_requests WHERE confirmed_at IS NULL AND sent_at < ?
                        RETURNING pending_entry_id""")
                .param(utc(sentBefore))
                .query(UUID.class)
                .list();
        for (UUID entry : entries) {
            jdbc.sql("DELETE FROM ledger_personal_data WHERE entry_id = ?").param(entry).update();
            jdbc.sql("UPDATE consent_state SET address = NULL WHERE entry_id = ?").param(entry).update();
        }
        return entries.size();
    }

    @Override
    public Optional<String> addressOfEntry(String entryId) {
        return jdbc.sql("SELECT address FROM ledger_personal_data WHERE entry_id = ? AND address IS NOT NULL")
                .param(UUID.fromString(entryId))
                .query(String.class)
                .optional();
    }

    private static ConfirmationRequest request(ResultSet rs) throws SQLException {
        String basis = rs.getString("basis");
        UUID confirmedEntry = rs.getObject("confirmed_entry_id", UUID.class);
        return new ConfirmationRequest(rs.getString("nonce"), rs.getString("customer_id"),
                Channel.valueOf(rs.getString("channel")), rs.getString("purpose"),
                basis == null ? null : LegalBasis.valueOf(basis), rs.getString("jurisdiction"), rs.getString("address"),
                rs.getObject("pending_entry_id", UUID.class).toString(), instant(rs, "sent_at"),
                instant(rs, "expires_at"), instant(rs, "confirmed_at"),
                confirmedEntry == null ? null : confirmedEntry.toString());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
