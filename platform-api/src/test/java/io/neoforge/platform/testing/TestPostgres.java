package io.neoforge.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.neoforge.sandbox.EmbeddedPostgresServer;

/**
 * The tests' PostgreSQL: one embedded server per JVM, started on first use; or, when {@code NEOFORGE_TEST_DB_URL} is
 * set, that server ({@code NEOFORGE_TEST_DB_USER}, default {@code postgres}; {@code NEOFORGE_TEST_DB_PASSWORD},
 * default empty). Tests must not assume empty tables: an external server keeps rows between runs.
 */
public final class TestPostgres {

    private static TestPostgres instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestPostgres(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv("NEOFORGE_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                instance = new TestPostgres(external.trim(),
                        System.getenv().getOrDefault("NEOFORGE_TEST_DB_USER", "postgres"),
                        System.getenv().getOrDefault("NEOFORGE_TEST_DB_PASSWORD", ""));
            } else {
                // Stopped when the JVM exits.
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
                instance = new TestPostgres(server.jdbcUrl(), server.username(), server.password());
            }
        }
        return instance;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
