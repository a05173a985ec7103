package dev.kairos.platform.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcPostgresServerTest {

    @Test
    void replacesTheDatabaseAndKeepsHostsAndParameters() {
        assertThat(JdbcPostgresServer.withDatabase("jdbc:postgresql://db:5432/postgres", "orders"))
                .isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(JdbcPostgresServer.withDatabase("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "orders"))
                .isEqualTo("jdbc:postgresql://localhost:32768/orders?loggerLevel=OFF");
        assertThat(JdbcPostgresServer.withDatabase("jdbc:postgresql://a:1,b:2/postgres?targetServerType=primary", "x"))
                .isEqualTo("jdbc:postgresql://a:1,b:2/x?targetServerType=primary");
        assertThat(JdbcPostgresServer.withDatabase("jdbc:postgresql://db", "orders"))
                .isEqualTo("jdbc:postgresql://db/orders");
    }

    @Test
    void uniqueNamesArePlainIdentifiersStartingWithThePrefix() {
        assertThat(JdbcPostgresServer.uniqueName("Preferences-IT")).matches("preferences_it_[0-9a-f]{10}");
        assertThat(JdbcPostgresServer.uniqueName("1st")).matches("db_1st_[0-9a-f]{10}");
        assertThat(JdbcPostgresServer.uniqueName("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
        assertThat(JdbcPostgresServer.uniqueName("a")).isNotEqualTo(JdbcPostgresServer.uniqueName("a"));
    }

    @Test
    void refusesNamesThatWouldNeedQuoting() {
        JdbcPostgresServer server = new JdbcPostgresServer("jdbc:postgresql://localhost:1/postgres", "u", "p");
        assertThatThrownBy(() -> server.ensureDatabase("x; DROP DATABASE y")).isInstanceOf(IllegalArgumentException.class);
    }
}
