package dev.kairos.compliance.signals.persistence;

import dev.kairos.compliance.signals.MarketingPurposes;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcMarketingPurposes implements MarketingPurposes {

    private final JdbcClient jdbc;

    JdbcMarketingPurposes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String topicId, String purpose, boolean marketing) {
        jdbc.sql("""
                        INSERT INTO topic_purposes (topic_id, purpose, marketing) VALUES (?, ?, ?)
                        ON CONFLICT (topic_id) DO UPDATE SET purpose = excluded.purpose, marketing = excluded.marketing""")
                .params(topicId, purpose, marketing)
                .update();
    }

    @Override
    public void remove(String topicId) {
        jdbc.sql("DELETE FROM topic_purposes WHERE topic_id = ?").param(topicId).update();
    }

    @Override
    public List<String> all() {
        return jdbc.sql("SELECT DISTINCT purpose FROM topic_purposes WHERE marketing ORDER BY purpose")
                .query(String.class)
                .list();
    }
}
