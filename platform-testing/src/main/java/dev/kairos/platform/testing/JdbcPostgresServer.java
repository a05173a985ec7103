package dev.kairos.platform.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server reached through the JDBC URL of an administrative database (for example
 * {@code postgres}) with a user allowed to create databases. Used for an external server, a container and
 * the embedded binaries alike.
 */
public class JdbcPostgresServer implements PostgresServer {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminJdbcUrl;
    private final String username;
    private final String password;

    public JdbcPostgresServer(String adminJdbcUrl, String username, String password) {
        if (!adminJdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + adminJdbcUrl);
        }
        this.adminJdbcUrl = adminJdbcUrl;
        this.username = username;
        this.password = password;
    }

    @Override
    public String jdbcUrl(String database) {
        return withDatabase(adminJdbcUrl, database);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        return name;
    }

    /**
     * Creates {@code name} unless it exists.
     *
     * @return true when it was created now
     */
    public boolean ensureDatabase(String name) {
        requireValidName(name);
        try (Connection connection = adminConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + adminJdbcUrl, e);
        }
    }

    /**
     * Creates a login role with no other attribute (not a superuser, owner of nothing) unless it exists.
     *
     * @return true when it was created
     */
    public boolean ensureLoginRole(String name, String password) {
        requireValidName(name);
        try (Connection connection = adminConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create role " + name + " on " + adminJdbcUrl, e);
        }
    }

    /** The JDBC URL of the administrative database this server was given. */
    public String adminJdbcUrl() {
        return adminJdbcUrl;
    }

    private void execute(String sql) {
        try (Connection connection = adminConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on " + adminJdbcUrl + ": " + sql, e);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(adminJdbcUrl, username, password);
    }

    /** {@code prefix} made a valid unquoted identifier, plus a random suffix. */
    static String uniqueName(String prefix) {
        String base = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0)) && base.charAt(0) != '_') {
            base = "db_" + base;
        }
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        byte[] suffix = new byte[5];
        RANDOM.nextBytes(suffix);
        String name = base + "_" + HexFormat.of().formatHex(suffix);
        requireValidName(name);
        return name;
    }

    private static void requireValidName(String name) {
        // Names go into SQL unquoted: only plain lower-case identifiers are accepted.
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case database name: " + name);
        }
    }

    /**
     * {@code url} with its database replaced by {@code database}, keeping hosts and parameters:
     * {@code jdbc:postgresql://h:5432/postgres?ssl=true} becomes {@code jdbc:postgresql://h:5432/<database>?ssl=true}.
     */
    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("Expected a jdbc:postgresql://host/database URL, got " + url);
        }
        int query = url.indexOf('?');
        String beforeQuery = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : url.substring(query);
        int slash = beforeQuery.indexOf('/', prefix.length());
        String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        return hosts + "/" + database + parameters;
    }
}
