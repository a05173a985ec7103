package dev.kairos.platform.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresIT {

    @TempDir
    Path dir;

    @Test
    void createsIsolatedDatabasesThatTakeTables() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            String first = server.createDatabase("orders");
            String second = server.createDatabase("orders");
            assertThat(first).startsWith("orders_").isNotEqualTo(second);

            execute(server, first, "CREATE TABLE item (id int PRIMARY KEY, name text)");
            execute(server, first, "INSERT INTO item VALUES (1, 'only in the first')");

            assertThat(queryInt(server, first, "SELECT count(*) FROM item")).isEqualTo(1);
            assertThat(queryInt(server, second,
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'item'")).isZero();
        }
    }

    @Test
    void persistentServerKeepsDataAcrossRestart() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data, 0, log)) {
            port = server.port();
            assertThat(server.ensureDatabase("kairos")).isTrue();
            execute(server, "kairos", "CREATE TABLE note (text text)");
            execute(server, "kairos", "INSERT INTO note VALUES ('kept')");
        }
        assertThat(ProcessSupport.accepts(port)).isFalse();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data, port, log)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.ensureDatabase("kairos")).isFalse();
            assertThat(queryInt(server, "kairos", "SELECT count(*) FROM note WHERE text = 'kept'")).isEqualTo(1);
        }
        assertThat(log).isNotEmptyFile();
    }

    private static void execute(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = connect(server, database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = connect(server, database);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection connect(PostgresServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.username(), server.password());
    }
}
