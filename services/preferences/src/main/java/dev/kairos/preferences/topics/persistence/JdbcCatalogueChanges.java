package dev.kairos.preferences.topics.persistence;

import dev.kairos.preferences.topics.CatalogueChange;
import dev.kairos.preferences.topics.CatalogueChanges;
import dev.kairos.preferences.topics.Topic;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcCatalogueChanges implements CatalogueChanges {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcCatalogueChanges(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void record(CatalogueChange change) {
        jdbc.sql("""
                        INSERT INTO catalogue_changes (topic_id, changed_by, changed_at, before, after)
                        VALUES (:topicId, :changedBy, :changedAt, CAST(:before AS jsonb), CAST(:after AS jsonb))""")
                .param("topicId", change.topicId())
                .param("changedBy", change.changedBy())
                .param("changedAt", change.changedAt().atOffset(ZoneOffset.UTC))
                .param("before", change.before() == null ? null : json.writeValueAsString(fields(change.before())))
                .param("after", json.writeValueAsString(fields(change.after())))
                .update();
    }

    /** The entry under the names the API gives its fields. */
    private static Map<String, Object> fields(Topic topic) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", topic.name());
        fields.put("category", topic.category().name());
        fields.put("purpose", topic.purpose());
        fields.put("urgent", topic.urgent());
        fields.put("defaultChannels", topic.defaultChannels().stream().map(Enum::name).toList());
        return fields;
    }
}
