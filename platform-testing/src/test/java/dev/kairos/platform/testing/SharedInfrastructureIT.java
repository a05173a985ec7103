package dev.kairos.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whichever infrastructure this machine offers (here: a forked broker and embedded PostgreSQL), it works. */
class SharedInfrastructureIT {

    @Test
    void sharedKafkaServesClients() throws Exception {
        KafkaCluster kafka = TestInfrastructure.kafka();
        assertThat(TestInfrastructure.kafka()).isSameAs(kafka);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
    }

    @Test
    void sharedPostgresCreatesDatabases() throws Exception {
        PostgresServer postgres = TestInfrastructure.postgres();
        assertThat(TestInfrastructure.postgres()).isSameAs(postgres);
        String database = postgres.createDatabase("infra-it");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(database).startsWith("infra_it_");
        }
    }
}
