package dev.kairos.preferences.topics.persistence;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCategory;
import dev.kairos.preferences.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Repository
class JdbcTopics implements Topics {

    private final JdbcClient jdbc;
    /**
     * Ids known to be in the catalogue. Topics are never deleted, so an id once seen committed stays true;
     * every write of preferences checks its topics, and this spares it a SELECT.
     */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    JdbcTopics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Boolean> save(Topic topic) {
        // xmax is 0 only for a row this statement inserted, which tells a creation from a replacement
        // without a separate read that a concurrent insert could overtake. The WHERE keeps category and
        // purpose as created even then: no row comes back.
        return jdbc.sql("""
                        INSERT INTO topics (topic_id, name, category, purpose, urgent, default_channels, updated_at)
                        VALUES (:id, :name, :category, :purpose, :urgent, :channels, :updatedAt)
                        ON CONFLICT (topic_id) DO UPDATE SET name = excluded.name, urgent = excluded.urgent,
                            default_channels = excluded.default_channels, updated_at = excluded.updated_at
                        WHERE topics.category = excluded.category AND topics.purpose = excluded.purpose
                        RETURNING (xmax = 0) AS created""")
                .param("id", topic.id())
                .param("name", topic.name())
                .param("category", topic.category().name())
                .param("purpose", topic.purpose())
                .param("urgent", topic.urgent())
                .param("channels", topic.defaultChannels().stream().map(Channel::name).toArray(String[]::new))
                .param("updatedAt", topic.updatedAt().atOffset(ZoneOffset.UTC))
                .query(Boolean.class)
                .optional();
    }

    @Override
    public Optional<Topic> lock(String id) {
        return jdbc.sql("""
                        SELECT topic_id, name, category, purpose, urgent, default_channels, updated_at
                        FROM topics WHERE topic_id = :id FOR UPDATE""")
                .param("id", id)
                .query(JdbcTopics::topic)
                .optional();
    }

    @Override
    public List<Topic> all() {
        return jdbc.sql("""
                        SELECT topic_id, name, category, purpose, urgent, default_channels, updated_at
                        FROM topics ORDER BY topic_id""")
                .query(JdbcTopics::topic)
                .list();
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        Set<String> existing = new HashSet<>();
        List<String> unsure = new ArrayList<>();
        for (String id : ids) {
            (known.contains(id) ? existing : unsure).add(id);
        }
        if (unsure.isEmpty()) {
            return existing;
        }
        List<String> found = jdbc.sql("SELECT topic_id FROM topics WHERE topic_id = ANY (:ids)")
                .param("ids", unsure.toArray(String[]::new))
                .query(String.class)
                .list();
        existing.addAll(found);
        remember(found);
        return existing;
    }

    /** Only once committed: a transaction may have read a topic it defined itself and then roll back. */
    private void remember(List<String> found) {
        if (found.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            known.addAll(found);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                known.addAll(found);
            }
        });
    }

    private static Topic topic(ResultSet rs, int row) throws SQLException {
        String[] channels = (String[]) rs.getArray("default_channels").getArray();
        return new Topic(rs.getString("topic_id"), rs.getString("name"),
                TopicCategory.valueOf(rs.getString("category")), rs.getString("purpose"), rs.getBoolean("urgent"),
                Arrays.stream(channels).map(Channel::valueOf).toList(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
