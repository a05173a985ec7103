package dev.kairos.compliance;

import dev.kairos.platform.testing.PostgresServer;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test's application context at the real broker, a fresh PostgreSQL database and the test issuer. */
final class Infrastructure {

    private Infrastructure() {
    }

    static void register(DynamicPropertyRegistry registry) {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase("compliance");
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().bootstrapServers());
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }
}
