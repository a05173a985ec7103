package dev.kairos.compliance.contacts.persistence;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.contacts.AddressIndex;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAddressIndex implements AddressIndex {

    private final JdbcClient jdbc;

    JdbcAddressIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean advance(String customerId, long version) {
        return jdbc.sql("""
                        INSERT INTO address_index_versions (customer_id, version) VALUES (?, ?)
                        ON CONFLICT (customer_id) DO UPDATE SET version = excluded.version
                        WHERE address_index_versions.version < excluded.version""")
                .params(customerId, version)
                .update() == 1;
    }

    @Override
    public void replace(String customerId, Map<Channel, String> addressHmacs, String jurisdiction, String locale) {
        // advance() created the row in this transaction and holds it.
        jdbc.sql("UPDATE address_index_versions SET jurisdiction = ?, locale = ? WHERE customer_id = ?")
                .params(jurisdiction, locale, customerId)
                .update();
        jdbc.sql("DELETE FROM address_index WHERE customer_id = ?").param(customerId).update();
        addressHmacs.forEach((channel, hmac) -> jdbc.sql(
                        "INSERT INTO address_index (customer_id, channel, address_hmac) VALUES (?, ?, ?)")
                .params(customerId, channel.name(), hmac)
                .update());
    }

    @Override
    public void remove(String customerId) {
        jdbc.sql("DELETE FROM address_index WHERE customer_id = ?").param(customerId).update();
        jdbc.sql("DELETE FROM address_index_versions WHERE customer_id = ?").param(customerId).update();
    }

    @Override
    public List<String> customers(String addressHmac, Channel channel) {
        return jdbc.sql("SELECT customer_id FROM address_index WHERE address_hmac = ? AND channel = ? ORDER BY customer_id")
                .params(addressHmac, channel.name())
                .query(String.class)
                .list();
    }

    @Override
    public Optional<String> jurisdiction(String customerId) {
        return jdbc.sql("SELECT jurisdiction FROM address_index_versions WHERE customer_id = ? AND jurisdiction IS NOT NULL")
                .param(customerId)
                .query(String.class)
                .optional();
    }

    @Override
    public Optional<String> locale(String customerId) {
        return jdbc.sql("SELECT locale FROM address_index_versions WHERE customer_id = ? AND locale IS NOT NULL")
                .param(customerId)
                .query(String.class)
                .optional();
    }

    @Override
    public Map<Channel, String> addresses(String customerId) {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        jdbc.sql("SELECT channel, address_hmac FROM address_index WHERE customer_id = ?")
                .param(customerId)
                .query(rs -> {
                    addresses.put(Channel.valueOf(rs.getString("channel")), rs.getString("address_hmac"));
                });
        return addresses;
    }
}
