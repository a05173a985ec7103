package dev.kairos.compliance.signals.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.signals.ConsentHolders;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConsentHolders implements ConsentHolders {

    private final JdbcClient jdbc;

    JdbcConsentHolders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> customers(String addressHmac, Channel channel) {
        return jdbc.sql("SELECT DISTINCT customer_id FROM consent_state WHERE address_hmac = ? AND channel = ? ORDER BY customer_id")
                .params(addressHmac, channel.name())
                .query(String.class)
                .list();
    }
}
