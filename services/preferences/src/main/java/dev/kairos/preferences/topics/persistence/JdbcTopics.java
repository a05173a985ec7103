package dev.kairos.preferences.topics.persistence;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCategory;
import dev.kairos.preferences.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTopics implements Topics {

    private final JdbcClient jdbc;

    JdbcTopics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean save(Topic topic) {
        // xmax is 0 only for a row this statement inserted, which tells a creation from a replacement
        // without a separate read that a concurrent insert could overtake.
        return jdbc.sql("""
                        INSERT INTO topics (topic_id, name, category, purpose, urgent, default_channels, updated_at)
                        VALUES (:id, :name, :category, :purpose, :urgent, :channels, :updatedAt)
                        ON CONFLICT (topic_id) DO UPDATE SET name = excluded.name, category = excluded.category,
                            purpose = excluded.purpose, urgent = excluded.urgent,
                            default_channels = excluded.default_channels, updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", topic.id())
                .param("name", topic.name())
                .param("category", topic.category().name())
                .param("purpose", topic.purpose())
                .param("urgent", topic.urgent())
                .param("channels", topic.defaultChannels().stream().map(Channel::name).toArray(String[]::new))
                .param("updatedAt", topic.updatedAt().atOffset(ZoneOffset.UTC))
                .query(Boolean.class)
                .single();
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
        return new HashSet<>(jdbc.sql("SELECT topic_id FROM topics WHERE topic_id = ANY (:ids)")
                .param("ids", ids.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    private static Topic topic(ResultSet rs, int row) throws SQLException {
        String[] channels = (String[]) rs.getArray("default_channels").getArray();
        return new Topic(rs.getString("topic_id"), rs.getString("name"),
                TopicCategory.valueOf(rs.getString("category")), rs.getString("purpose"), rs.getBoolean("urgent"),
                Arrays.stream(channels).map(Channel::valueOf).toList(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
