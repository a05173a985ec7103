package dev.kairos.preferences.customers.persistence;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.Preferences;
import dev.kairos.preferences.customers.PreferencesDocument;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesJson;
import dev.kairos.preferences.customers.PreferencesValidation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the document in its public shape, as the text Jackson wrote, so the table reads like the API and a
 * read can serve it as it is.
 */
@Repository
class JdbcPreferences implements Preferences {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcPreferences(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<CustomerPreferences> find(String customerId) {
        return jdbc.sql("SELECT customer_id, version, updated_at, document FROM customer_preferences WHERE customer_id = :id")
                .param("id", customerId)
                .query(this::preferences)
                .optional();
    }

    @Override
    public Optional<PreferencesJson> findJson(String customerId) {
        return jdbc.sql("SELECT version, document FROM customer_preferences WHERE customer_id = :id")
                .param("id", customerId)
                .query((rs, row) -> new PreferencesJson(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    @Override
    public OptionalLong lockVersion(String customerId) {
        return jdbc.sql("SELECT version FROM customer_preferences WHERE customer_id = :id FOR UPDATE")
                .param("id", customerId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElseGet(OptionalLong::empty);
    }

    @Override
    public boolean delete(String customerId) {
        return jdbc.sql("DELETE FROM customer_preferences WHERE customer_id = :id").param("id", customerId).update() == 1;
    }

    @Override
    public PreferencesJson store(String customerId, PreferencesDocument document, Instant updatedAt) {
        String text = json.writeValueAsString(PreferencesForm.of(document));
        // One statement for both cases: a concurrent first write waits on the key and then becomes version 2.
        long version = jdbc.sql("""
                        INSERT INTO customer_preferences (customer_id, version, document, updated_at)
                        VALUES (:id, 1, CAST(:document AS json), :updatedAt)
                        ON CONFLICT (customer_id) DO UPDATE SET version = customer_preferences.version + 1,
                            document = excluded.document, updated_at = excluded.updated_at
                        RETURNING version""")
                .param("id", customerId)
                .param("document", text)
                .param("updatedAt", updatedAt.atOffset(ZoneOffset.UTC))
                .query(Long.class)
                .single();
        return new PreferencesJson(version, text);
    }

    private CustomerPreferences preferences(ResultSet rs, int row) throws SQLException {
        String customerId = rs.getString("customer_id");
        PreferencesForm form = json.readValue(rs.getString("document"), PreferencesForm.class);
        List<FieldProblem> problems = new ArrayList<>();
        PreferencesDocument document = PreferencesValidation.restore(form, problems);
        if (document == null) {
            throw new IllegalStateException("Stored preferences of " + customerId + " no longer read: " + problems);
        }
        return new CustomerPreferences(customerId, rs.getLong("version"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), document);
    }
}
