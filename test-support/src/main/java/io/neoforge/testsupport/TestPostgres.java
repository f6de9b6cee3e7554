package io.neoforge.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.neoforge.sandbox.EmbeddedPostgresServer;

/**
 * The tests' PostgreSQL: one embedded server (PostgreSQL 17) per JVM, started on first use and stopped when the
 * JVM exits; or, when {@code NEOFORGE_TEST_DB_URL} is set, that server ({@code NEOFORGE_TEST_DB_USER}, default
 * {@code postgres}; {@code NEOFORGE_TEST_DB_PASSWORD}, default empty). The admin must be a superuser. Tests must
 * not assume empty tables: an external server keeps rows between runs.
 */
public final class TestPostgres {

    private static TestPostgres instance;

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private AgroalDataSource admin;

    private TestPostgres(String jdbcUrl, String username, String password, EmbeddedPostgresServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv("NEOFORGE_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                String user = System.getenv().getOrDefault("NEOFORGE_TEST_DB_USER", "postgres");
                String password = System.getenv().getOrDefault("NEOFORGE_TEST_DB_PASSWORD", "");
                instance = new TestPostgres(external.trim(), user, password, null);
            } else {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
                instance = new TestPostgres(server.jdbcUrl(), server.username(), server.password(), server);
            }
        }
        return instance;
    }

    /** Whether this is the embedded server (false: {@code NEOFORGE_TEST_DB_URL}). */
    public boolean embedded() {
        return embedded != null;
    }

    /** JDBC URL of the admin database, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Host of {@link #jdbcUrl()}. */
    public String host() {
        return org.postgresql.Driver.parseURL(jdbcUrl, new Properties()).getProperty("PGHOST").split(",")[0];
    }

    /** Port of {@link #jdbcUrl()}. */
    public int port() {
        return Integer.parseInt(org.postgresql.Driver.parseURL(jdbcUrl, new Properties()).getProperty("PGPORT", "5432")
                .split(",")[0]);
    }

    /** Database name of {@link #jdbcUrl()}. */
    public String database() {
        return org.postgresql.Driver.parseURL(jdbcUrl, new Properties()).getProperty("PGDBNAME");
    }

    /** A libpq connection URI for psql, as a person would type it. */
    public String psqlUrl() {
        String credentials = password() == null || password().isEmpty() ? username() : username() + ":" + password();
        return "postgresql://" + credentials + "@" + host() + ":" + port() + "/" + database();
    }

    /** A pooled admin (superuser) datasource, straight to the server. Shared; do not close it. */
    public synchronized AgroalDataSource adminDataSource() {
        if (admin == null) {
            admin = pooledDataSource(jdbcUrl);
        }
        return admin;
    }

    /**
     * A new Agroal pool as the operator's admin user to {@code url} (e.g. through a {@link TcpProxy}), configured
     * like the operator's production pool (see application.properties). The caller closes it.
     */
    public AgroalDataSource pooledDataSource(String url) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier();
        config.connectionPoolConfiguration()
                .minSize(0)
                .maxSize(8)
                .acquisitionTimeout(Duration.ofSeconds(6))
                .validationTimeout(Duration.ofSeconds(30))
                .idleValidationTimeout(Duration.ZERO)
                .validateOnBorrow(true)
                .reapTimeout(Duration.ofMinutes(5))
                .maxLifetime(Duration.ofMinutes(30))
                .connectionValidator(io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator
                        .defaultValidatorWithTimeout(3))
                .exceptionSorter(new PostgreSQLExceptionSorter())
                .connectionFactoryConfiguration()
                .jdbcUrl(url)
                .principal(new NamePrincipal(username))
                .credential(new SimplePassword(password))
                .loginTimeout(Duration.ofSeconds(5))
                .jdbcProperty("connectTimeout", "5")
                .jdbcProperty("socketTimeout", "30")
                .jdbcProperty("tcpKeepAlive", "true")
                .jdbcProperty("ApplicationName", "neoforge-operator-test");
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a pool for " + url, e);
        }
    }

    /** A direct JDBC connection (no pool) as the admin, straight to the server; close it. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", username);
        props.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** A direct JDBC connection (no pool) as {@code role}; close it. */
    public Connection connectAs(String role, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "neoforge-test-" + role);
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
