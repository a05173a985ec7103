package dev.kairos.compliance.suppressions.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.suppressions.Suppression;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.Suppressions;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSuppressions implements Suppressions {

    private static final RowMapper<Suppression> ROW = (rs, n) -> {
        String channel = rs.getString("channel");
        return new Suppression(rs.getString("address_hmac"), channel == null ? null : Channel.valueOf(channel),
                SuppressionReason.valueOf(rs.getString("reason")),
                rs.getObject("since", OffsetDateTime.class).toInstant(), rs.getString("source"));
    };

    private final JdbcClient jdbc;

    JdbcSuppressions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Suppression> lock(String addressHmac) {
        // Two suppressions of one address serialise on this lock, whether the row exists yet or not.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("suppression:" + addressHmac)
                .query().listOfRows();
        return find(addressHmac);
    }

    @Override
    public Optional<Suppression> find(String addressHmac) {
        return jdbc.sql("SELECT address_hmac, channel, reason, since, source FROM suppressions WHERE address_hmac = ?")
                .param(addressHmac)
                .query(ROW)
                .optional();
    }

    @Override
    public List<Suppression> findAll(Collection<String> addressHmacs) {
        return jdbc.sql("SELECT address_hmac, channel, reason, since, source FROM suppressions WHERE address_hmac = ANY (?)")
                .param(addressHmacs.toArray(String[]::new))
                .query(ROW)
                .list();
    }

    @Override
    public void save(Suppression s) {
        jdbc.sql("""
                        INSERT INTO suppressions (address_hmac, channel, reason, since, source) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (address_hmac) DO UPDATE SET channel = excluded.channel, reason = excluded.reason,
                            since = excluded.since, source = excluded.source""")
                .params(s.addressHmac(), s.channel() == null ? null : s.channel().name(), s.reason().name(),
                        s.since().atOffset(ZoneOffset.UTC), s.source())
                .update();
    }

    @Override
    public void delete(String addressHmac) {
        jdbc.sql("DELETE FROM suppressions WHERE address_hmac = ?").param(addressHmac).update();
    }
}
