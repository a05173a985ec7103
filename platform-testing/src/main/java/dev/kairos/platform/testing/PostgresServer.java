package dev.kairos.platform.testing;

/** A reachable PostgreSQL server on which fresh databases can be created. */
public interface PostgresServer {

    /** The JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database);

    String username();

    String password();

    /**
     * Creates a new, empty database whose name starts with {@code prefix} and is unique on this server.
     * Tests create one per Spring context so contexts never see each other's rows.
     *
     * @return the name of the database created
     */
    String createDatabase(String prefix);
}
