package io.neoforge.testsupport;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.neoforge.sandbox.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The tests' PostgreSQL: one embedded server (PostgreSQL 17) per JVM, started on first use and stopped when the
 * JVM exits; or, when {@code NEOFORGE_TEST_DB_URL} is set, that server ({@code NEOFORGE_TEST_DB_USER}, default
 * {@code postgres}; {@code NEOFORGE_TEST_DB_PASSWORD}, default empty). The admin must be a superuser.
 *
 * <p>
 * The applications under test do not use the admin: like on a managed PostgreSQL (DigitalOcean, RDS, Cloud SQL,
 * Azure) they log in as {@value #OPERATOR_ROLE}, a role with only {@code LOGIN CREATEROLE CREATEDB} (no superuser,
 * no BYPASSRLS, no membership in anything), which creates a fresh database for this JVM and so owns it
 * ({@link #database()}; dropped when the JVM exits). The admin connections ({@link #adminDataSource()},
 * {@link #connect()}) go to that same database, for the tests' own checks. Tests must not assume an empty
 * server: an external one keeps roles between runs.
 */
public final class TestPostgres {

    /** The least-privilege login the applications under test use (LOGIN CREATEROLE CREATEDB, nothing else). */
    public static final String OPERATOR_ROLE = "neoforge_operator";
    /** Same on every run: an external server's role is shared by runs, a changing password would lock out others. */
    private static final String OPERATOR_PASSWORD = "neoforge-operator-test";

    private static TestPostgres instance;

    private final String serverUrl;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgresServer embedded;
    private final int serverVersion;
    private AgroalDataSource admin;
    private AgroalDataSource operator;

    private TestPostgres(
            String serverUrl,
            String runDatabase,
            String username,
            String password,
            EmbeddedPostgresServer embedded,
            int serverVersion) {
        this.serverUrl = serverUrl;
        this.jdbcUrl = withDatabase(serverUrl, runDatabase);
        this.username = username;
        this.password = password;
        this.embedded = embedded;
        this.serverVersion = serverVersion;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            String external = System.getenv("NEOFORGE_TEST_DB_URL");
            if (external != null && !external.isBlank()) {
                String user = System.getenv().getOrDefault("NEOFORGE_TEST_DB_USER", "postgres");
                String password = System.getenv().getOrDefault("NEOFORGE_TEST_DB_PASSWORD", "");
                instance = prepare(external.trim(), user, password, null);
            } else {
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
                instance = prepare(server.jdbcUrl(), server.username(), server.password(), server);
            }
        }
        return instance;
    }

    /**
     * As the superuser: makes {@value #OPERATOR_ROLE} exactly {@code LOGIN CREATEROLE CREATEDB} (whatever an earlier
     * run left); then, as that role, creates this JVM's database, which it therefore owns.
     */
    private static TestPostgres prepare(
            String serverUrl, String user, String password, EmbeddedPostgresServer embedded) {
        String database =
                "neoforge_run_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36);
        int version;
        try (Connection c = DriverManager.getConnection(serverUrl, credentials(user, password));
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int,"
                    + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
                    + " EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + OPERATOR_ROLE + "')")) {
                rs.next();
                version = rs.getInt(1);
                if (!rs.getBoolean(2)) {
                    throw new IllegalStateException("the test database's admin " + user + " at " + serverUrl
                            + " must be a superuser (it creates the least-privilege login " + OPERATOR_ROLE + ")");
                }
                String attributes = " LOGIN NOSUPERUSER CREATEROLE CREATEDB NOREPLICATION NOBYPASSRLS INHERIT"
                        + " PASSWORD '" + OPERATOR_PASSWORD + "'";
                boolean exists = rs.getBoolean(3);
                rs.close();
                st.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + OPERATOR_ROLE + " WITH" + attributes);
            }
            // nothing but its attributes: an earlier run or a person may have granted it more
            try (ResultSet rs =
                    st.executeQuery("SELECT string_agg(format('%I', g.rolname), ', ') FROM pg_auth_members m"
                            + " JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member"
                            + " WHERE r.rolname = '" + OPERATOR_ROLE + "' AND g.rolname NOT LIKE 'tenant\\_%'"
                            + " AND g.rolname <> 'neoforge_tenants'")) {
                rs.next();
                String groups = rs.getString(1);
                if (groups != null) {
                    st.execute("REVOKE " + groups + " FROM " + OPERATOR_ROLE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the login " + OPERATOR_ROLE + " at " + serverUrl, e);
        }
        try (Connection c = DriverManager.getConnection(serverUrl, credentials(OPERATOR_ROLE, OPERATOR_PASSWORD));
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + " as " + OPERATOR_ROLE, e);
        }
        TestPostgres created = new TestPostgres(serverUrl, database, user, password, embedded, version);
        if (embedded == null) {
            // an external server outlives the run: take its database with it (tenant roles are dropped by the tests)
            Runtime.getRuntime().addShutdownHook(new Thread(created::dropRunDatabase, "drop-" + database));
        }
        return created;
    }

    private void dropRunDatabase() {
        try {
            synchronized (this) {
                if (admin != null) {
                    admin.close();
                }
                if (operator != null) {
                    operator.close();
                }
            }
            try (Connection c = DriverManager.getConnection(serverUrl, credentials(username, password));
                    Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database() + (serverVersion >= 130000 ? " WITH (FORCE)" : ""));
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("could not drop the test database " + database() + ": " + e.getMessage());
        }
    }

    private static Properties credentials(String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password == null ? "" : password);
        props.setProperty("connectTimeout", "5");
        return props;
    }

    private static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + rest;
    }

    /** server_version_num, e.g. 150014 or 170005. */
    public int serverVersion() {
        return serverVersion;
    }

    /** The applications' login ({@value #OPERATOR_ROLE}: LOGIN CREATEROLE CREATEDB, owner of {@link #database()}). */
    public String operatorUsername() {
        return OPERATOR_ROLE;
    }

    public String operatorPassword() {
        return OPERATOR_PASSWORD;
    }

    /** A pooled datasource as {@value #OPERATOR_ROLE} to {@link #database()}. Shared; do not close it. */
    public synchronized AgroalDataSource operatorDataSource() {
        if (operator == null) {
            operator = pooledDataSource(jdbcUrl);
        }
        return operator;
    }

    /** Whether this is the embedded server (false: {@code NEOFORGE_TEST_DB_URL}). */
    public boolean embedded() {
        return embedded != null;
    }

    /** JDBC URL of this JVM's database (owned by {@value #OPERATOR_ROLE}), without credentials. */
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
        return org.postgresql.Driver.parseURL(jdbcUrl, new Properties())
                .getProperty("PGHOST")
                .split(",")[0];
    }

    /** Port of {@link #jdbcUrl()}. */
    public int port() {
        return Integer.parseInt(org.postgresql.Driver.parseURL(jdbcUrl, new Properties())
                .getProperty("PGPORT", "5432")
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

    /** A pooled admin (superuser) datasource to {@link #database()}, for the tests' checks. Shared; do not close it. */
    public synchronized AgroalDataSource adminDataSource() {
        if (admin == null) {
            admin = pool(jdbcUrl, username, password);
        }
        return admin;
    }

    /**
     * A new Agroal pool as the operator's login ({@value #OPERATOR_ROLE}) to {@code url} (e.g. through a
     * {@link TcpProxy}), configured like the operator's production pool (see application.properties). The caller
     * closes it.
     */
    public AgroalDataSource pooledDataSource(String url) {
        return pool(url, OPERATOR_ROLE, OPERATOR_PASSWORD);
    }

    /** A new Agroal pool as the admin (superuser) to {@code url}, e.g. another database; the caller closes it. */
    public AgroalDataSource adminPooledDataSource(String url) {
        return pool(url, username, password);
    }

    private static AgroalDataSource pool(String url, String username, String password) {
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

    /** A direct JDBC connection (no pool) as the admin (superuser) to {@link #database()}; close it. */
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
