package dev.kairos.compliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the service connects as its own role (KAIROS_DB_APP_ROLE), the migrations leave that role able to
 * add ledger entries and unable to change or remove them, whatever the trigger does.
 */
class LedgerPrivilegesIT {

    private static final String PASSWORD = "ledger-writer";

    private final PostgresServer postgres = TestInfrastructure.postgres();
    private final String role = "compliance_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private String database;

    @BeforeEach
    void migrateWithAnApplicationRole() throws SQLException {
        database = postgres.createDatabase("compliance_privileges");
        try (Connection owner = owner(); Statement sql = owner.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password())
                .locations("classpath:db/migration", "classpath:db/platform")
                .placeholders(Map.of("application-role", role))
                .load()
                .migrate();
    }

    @AfterEach
    void dropTheRole() throws SQLException {
        try (Connection owner = owner(); Statement sql = owner.createStatement()) {
            sql.execute("DROP OWNED BY " + role);
            sql.execute("DROP ROLE " + role);
        }
    }

    @Test
    void theApplicationRoleMayAddEntriesButNeverChangeOrRemoveThem() throws SQLException {
        try (Connection app = DriverManager.getConnection(postgres.jdbcUrl(database), role, PASSWORD);
             Statement sql = app.createStatement()) {
            sql.execute("""
                    INSERT INTO consent_ledger (sequence, entry_id, customer_id, type, channel, purpose, source,
                        occurred_at, recorded_at, previous_hash, hash)
                    VALUES (1, gen_random_uuid(), 'c-42', 'GRANTED', 'SMS', 'promotions', 'API', now(), now(),
                        repeat('0', 64), repeat('1', 64))""");

            assertThat(sqlState(() -> sql.execute("UPDATE consent_ledger SET purpose = 'other'"))).isEqualTo("42501");
            assertThat(sqlState(() -> sql.execute("DELETE FROM consent_ledger"))).isEqualTo("42501");
            assertThat(sqlState(() -> sql.execute("TRUNCATE consent_ledger"))).isEqualTo("42501");
            try (var rows = sql.executeQuery("SELECT purpose FROM consent_ledger WHERE sequence = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("promotions");
            }
        }
    }

    private Connection owner() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    private static String sqlState(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            assertThat(e.getMessage()).contains("permission denied");
            return e.getSQLState();
        }
        throw new AssertionError("the statement succeeded");
    }

    private interface SqlAction {
        void run() throws SQLException;
    }
}
