package dev.kairos.compliance;

import static dev.kairos.compliance.ConsentRequests.aGrant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as deployed: the owner of the database runs the migrations, the service connects as the
 * application role. It works, and its connections cannot alter, disable or drop the ledger's trigger,
 * nor change an entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationRoleIT {

    private static final String ROLE = "compliance_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws SQLException {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase("compliance_roles");
        try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password()); Statement sql = owner.createStatement()) {
            sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'application'");
        }
        ServiceTestProperties.registerWithoutDatabase(registry, TestInfrastructure.kafka());
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> ROLE);
        registry.add("spring.datasource.password", () -> "application");
        registry.add("spring.flyway.user", postgres::username);
        registry.add("spring.flyway.password", postgres::password);
        registry.add("spring.flyway.placeholders.application-role", () -> ROLE);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void theServiceWorksAsTheApplicationRoleWhichCannotTouchTheLedgerTrigger() {
        String customer = "c-" + UUID.randomUUID();
        Api.Response recorded = new Api(port).post("/api/v1/consents", aGrant(customer).json(), "consents:write");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(ROLE);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).as("the relay published").isZero());

        for (String statement : new String[] {
                "ALTER TABLE consent_ledger DISABLE TRIGGER ALL",
                "ALTER TABLE consent_ledger DISABLE TRIGGER USER",
                "DROP TRIGGER consent_ledger_no_update_or_delete ON consent_ledger",
                "UPDATE consent_ledger SET purpose = 'other' WHERE customer_id = '" + customer + "'",
                "DELETE FROM consent_ledger WHERE customer_id = '" + customer + "'"}) {
            assertThat(sqlState(jdbc, statement)).as(statement).isEqualTo("42501");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_ledger WHERE customer_id = ?", Long.class, customer))
                .isEqualTo(1);
    }

    /** The SQL state of a refused statement: 42501 is insufficient privilege (or not the owner). */
    private static String sqlState(JdbcTemplate jdbc, String statement) {
        try {
            jdbc.execute(statement);
        } catch (org.springframework.dao.DataAccessException e) {
            return ((SQLException) e.getMostSpecificCause()).getSQLState();
        }
        throw new AssertionError("the statement succeeded: " + statement);
    }
}
