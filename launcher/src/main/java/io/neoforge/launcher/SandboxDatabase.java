package io.neoforge.launcher;

import io.neoforge.sandbox.EmbeddedPostgresServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.util.PasswordUtil;

/**
 * The sandbox's PostgreSQL: an embedded one, stopped with the sandbox, or an existing one named by its JDBC URL. On the
 * embedded one the operator and the platform API log in as {@value #OPERATOR_LOGIN} (LOGIN CREATEROLE CREATEDB, owner of
 * database {@value #OPERATOR_DATABASE}), not as the superuser: the same privileges as on a managed PostgreSQL.
 */
final class SandboxDatabase implements AutoCloseable {
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<EmbeddedPostgresServer> embedded;

    private SandboxDatabase(
            String jdbcUrl,
            Optional<String> username,
            Optional<String> password,
            Optional<EmbeddedPostgresServer> embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    static SandboxDatabase start(LauncherSettings settings) {
        if (settings.databaseUrl().isPresent()) {
            return new SandboxDatabase(
                    settings.databaseUrl().get(),
                    settings.databaseUsername(),
                    settings.databasePassword(),
                    Optional.empty());
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
        try {
            String password = randomPassword();
            String url = createOperatorLogin(postgres, password);
            return new SandboxDatabase(url, Optional.of(OPERATOR_LOGIN), Optional.of(password), Optional.of(postgres));
        } catch (SQLException | RuntimeException e) {
            postgres.stop();
            throw new IllegalStateException("could not prepare the sandbox's database: " + e.getMessage(), e);
        }
    }

    /** The applications' login on the embedded server: what a managed PostgreSQL hands out, no superuser. */
    static final String OPERATOR_LOGIN = "neoforge_operator";

    static final String OPERATOR_DATABASE = "neoforge";

    /**
     * As the superuser: the role {@value #OPERATOR_LOGIN} with only LOGIN CREATEROLE CREATEDB; as that role: the
     * database {@value #OPERATOR_DATABASE}, which it so owns (docs/operations.md, "The operator's PostgreSQL login").
     */
    private static String createOperatorLogin(EmbeddedPostgresServer postgres, String password) throws SQLException {
        Properties admin = new Properties();
        admin.setProperty("user", postgres.username());
        admin.setProperty("password", postgres.password());
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), admin);
                Statement st = c.createStatement()) {
            // the password as a client-side SCRAM verifier, like the operator does for tenants
            st.execute("CREATE ROLE " + OPERATOR_LOGIN
                    + " LOGIN CREATEROLE CREATEDB NOSUPERUSER NOREPLICATION NOBYPASSRLS");
            st.execute(PasswordUtil.genAlterUserPasswordSQL(OPERATOR_LOGIN, password.toCharArray(), "scram-sha-256"));
        }
        Properties operator = new Properties();
        operator.setProperty("user", OPERATOR_LOGIN);
        operator.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), operator);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + OPERATOR_DATABASE);
        }
        return "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + OPERATOR_DATABASE;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The datasource settings both applications get, as a cluster deployment sets them; the password apart. */
    Map<String, String> datasourceProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.jdbc.url", jdbcUrl);
        username.ifPresent(user -> properties.put("quarkus.datasource.username", user));
        return properties;
    }

    /** The password as an environment variable: a system property would show on every ps listing. */
    Map<String, String> datasourceEnvironment() {
        return password.filter(secret -> !secret.isEmpty())
                .map(secret -> Map.of("QUARKUS_DATASOURCE_PASSWORD", secret))
                .orElse(Map.of());
    }

    /** How to look at the embedded database with psql; nothing for an external one (its URL is the user's). */
    Optional<String> psqlCommand() {
        return embedded.map(pg ->
                "psql postgresql://" + pg.username() + "@" + pg.host() + ":" + pg.port() + "/" + OPERATOR_DATABASE);
    }

    boolean acceptsConnections() {
        Properties properties = new Properties();
        username.ifPresent(user -> properties.setProperty("user", user));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("loginTimeout", "3");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            return connection.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedPostgresServer::stop);
    }
}
