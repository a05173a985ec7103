package dev.kairos.compliance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database itself refuses a ledger row whose hash, previous hash or commitments are not exactly 64
 * lower-case hex digits: the rule V1 wrote as a regular expression and V5_1 as a cheaper test (ADR 0012).
 */
class LedgerHexChecksIT {

    private static final String HEX = "0123456789abcdef".repeat(4);
    private static final List<String> COLUMNS = List.of("address_commitment", "evidence_commitment", "previous_hash", "hash");

    private final PostgresServer postgres = TestInfrastructure.postgres();
    private String database;

    @BeforeEach
    void migrate() {
        database = postgres.createDatabase("compliance_hex_checks");
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(database), postgres.username(), postgres.password())
                .locations("classpath:db/migration", "classpath:db/platform")
                .placeholders(Map.of("application-role", ""))
                .load()
                .migrate();
    }

    @Test
    void takes64LowerCaseHexDigitsInEveryHashColumn() throws SQLException {
        try (Connection connection = connect()) {
            insert(connection, 1, Map.of());
            insert(connection, 2, Map.of("address_commitment", "", "evidence_commitment", ""));
        }
    }

    @Test
    void refusesAnythingElseInEachHashColumn() throws SQLException {
        List<String> malformed = List.of(HEX.substring(1), HEX + "0", HEX.toUpperCase(), HEX.substring(1) + "g",
                HEX.substring(1) + "\n", " " + HEX.substring(1), HEX.substring(1) + "é");
        try (Connection connection = connect()) {
            long sequence = 10;
            for (String column : COLUMNS) {
                for (String value : malformed) {
                    long next = sequence++;
                    assertThatThrownBy(() -> insert(connection, next, Map.of(column, value)))
                            .as("%s = '%s'", column, value)
                            .isInstanceOf(SQLException.class)
                            .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23514");
                }
            }
            try (var rows = connection.createStatement().executeQuery("SELECT count(*) FROM consent_ledger")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }

    /** Inserts a row with valid hex everywhere but in {@code overrides}; an empty override means NULL. */
    private static void insert(Connection connection, long sequence, Map<String, String> overrides) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO consent_ledger (sequence, entry_id, customer_id, type, channel, purpose, source,
                    occurred_at, recorded_at, address_commitment, evidence_commitment, previous_hash, hash)
                VALUES (?, gen_random_uuid(), 'c-42', 'GRANTED', 'SMS', 'promotions', 'API', now(), now(), ?, ?, ?, ?)""")) {
            insert.setLong(1, sequence);
            for (int i = 0; i < COLUMNS.size(); i++) {
                String value = overrides.getOrDefault(COLUMNS.get(i), HEX.substring(0, 63) + Long.toHexString(sequence % 16));
                insert.setString(i + 2, value.isEmpty() ? null : value);
            }
            insert.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
        connection.setAutoCommit(true);
        return connection;
    }
}
