package dev.kairos.platform.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service's Spring test context at the real infrastructure: the shared broker (or a given one),
 * a fresh PostgreSQL database of its own, and the test token issuer. Use it from a
 * {@code @DynamicPropertySource} method.
 */
public final class ServiceTestProperties {

    private ServiceTestProperties() {
    }

    /** A service with a database, on the shared broker. */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix) {
        register(registry, databasePrefix, TestInfrastructure.kafka());
    }

    /** A service with a database, on the given broker (a test that kills its broker brings its own). */
    public static void register(DynamicPropertyRegistry registry, String databasePrefix, KafkaCluster kafka) {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase(databasePrefix);
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registerWithoutDatabase(registry, kafka);
    }

    /** A service without a database (dispatch). */
    public static void registerWithoutDatabase(DynamicPropertyRegistry registry, KafkaCluster kafka) {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }
}
