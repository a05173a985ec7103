package dev.kairos.platform.testing;

import dev.kairos.platform.local.LocalIssuer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a service's Spring test context at the real infrastructure: the shared broker (or a given one),
 * a fresh PostgreSQL database of its own, and the test token issuer. Use it from a
 * {@code @DynamicPropertySource} method.
 */
public final class ServiceTestProperties {

    /** The address HMAC key of test services, for tests that compute an address's hash themselves. */
    public static final String ADDRESS_HMAC_KEY = "kairos-test-address-hmac-key-of-32-bytes-or-more";
    private static final String CHECKPOINT_KEY = "MC4CAQAwBQYDK2VwBCIEIKiOEUtRD++b03wDyp6qxETJTUqlu6vRt6Yba1+00mWd";
    private static final String DISPATCH_LINK_KEY = "dGVzdC1kaXNwYXRjaC1saW5rLWtleS0zMi1ieXRlcy0wMQ==";
    private static final String COMPLIANCE_LINK_KEY = "dGVzdC1jb21wbGlhbmNlLWxpbmsta2V5LTMyLWJ5dGVzMQ==";
    private static final String PREFERENCES_LINK_KEY = "dGVzdC1wcmVmZXJlbmNlcy1saW5rLWtleS0zMi1iMDE=";
    private static final String APPLICATION_ROLE_PASSWORD = "application";
    /** The key dispatch instances authenticate forwarded reads with; only dispatch reads it. */
    public static final String INSTANCE_KEY = "dGVzdC1kaXNwYXRjaC1pbnN0YW5jZS1rZXktMzItYjE=";

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

    /**
     * A service with a database as deployed: the owner runs the migrations, the service connects as a login role
     * that owns nothing (created here, named after the database), to which the migrations grant what it needs
     * through the {@code application-role} placeholder.
     *
     * @return the application role's name
     */
    public static String registerAsApplicationRole(DynamicPropertyRegistry registry, String databasePrefix) {
        PostgresServer postgres = TestInfrastructure.postgres();
        String database = postgres.createDatabase(databasePrefix);
        String role = database + "_app";
        try (Connection owner = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password()); Statement sql = owner.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + APPLICATION_ROLE_PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create role " + role, e);
        }
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
        registry.add("spring.datasource.username", () -> role);
        registry.add("spring.datasource.password", () -> APPLICATION_ROLE_PASSWORD);
        registry.add("spring.flyway.user", postgres::username);
        registry.add("spring.flyway.password", postgres::password);
        registry.add("spring.flyway.placeholders.application-role", () -> role);
        registerWithoutDatabase(registry, TestInfrastructure.kafka());
        return role;
    }

    /** A service without a database (dispatch). */
    public static void registerWithoutDatabase(DynamicPropertyRegistry registry, KafkaCluster kafka) {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        security().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * {@code arguments} followed by the same properties as command-line arguments, for a service a test starts
     * with SpringApplicationBuilder or as a process.
     */
    public static String[] withSecurity(String... arguments) {
        return Stream.concat(Stream.of(arguments),
                security().entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()))
                .toArray(String[]::new);
    }

    /**
     * The test issuer and audience, and keys a real deployment could have: tests run without the local
     * profile, under the rules of production.
     */
    private static Map<String, String> security() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
        properties.put("kairos.security.issuer", LocalIssuer.ISSUER);
        properties.put("kairos.security.audience", TestTokens.AUDIENCE);
        properties.put("kairos.address-hmac-key", ADDRESS_HMAC_KEY);
        // Compliance's Ed25519 checkpoint key (PKCS#8, base64 DER); other services ignore it.
        properties.put("kairos.compliance.checkpoints.private-key", CHECKPOINT_KEY);
        // Every issuer's key in every service: a service only signs with its kairos.links.signing-key.
        properties.put("kairos.links.keys.d1.issuer", "dispatch");
        properties.put("kairos.links.keys.d1.secret", DISPATCH_LINK_KEY);
        properties.put("kairos.links.keys.c1.issuer", "compliance");
        properties.put("kairos.links.keys.c1.secret", COMPLIANCE_LINK_KEY);
        properties.put("kairos.links.keys.p1.issuer", "preferences");
        properties.put("kairos.links.keys.p1.secret", PREFERENCES_LINK_KEY);
        properties.put("kairos.instances.key", INSTANCE_KEY);
        return properties;
    }
}
