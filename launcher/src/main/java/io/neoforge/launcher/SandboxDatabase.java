package io.neoforge.launcher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.neoforge.sandbox.EmbeddedPostgresServer;

/** The sandbox's PostgreSQL: an embedded one, stopped with the sandbox, or an existing one named by its JDBC URL. */
final class SandboxDatabase implements AutoCloseable {
    private final String jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<EmbeddedPostgresServer> embedded;

    private SandboxDatabase(String jdbcUrl, Optional<String> username, Optional<String> password,
            Optional<EmbeddedPostgresServer> embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    static SandboxDatabase start(LauncherSettings settings) {
        if (settings.databaseUrl().isPresent()) {
            return new SandboxDatabase(settings.databaseUrl().get(), settings.databaseUsername(),
                    settings.databasePassword(), Optional.empty());
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0);
        return new SandboxDatabase(postgres.jdbcUrl(), Optional.of(postgres.username()), Optional.of(postgres.password()),
                Optional.of(postgres));
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
                .map(secret -> Map.of("QUARKUS_DATASOURCE_PASSWORD", secret)).orElse(Map.of());
    }

    /** How to look at the embedded database with psql; nothing for an external one (its URL is the user's). */
    Optional<String> psqlCommand() {
        return embedded.map(pg -> "psql postgresql://" + pg.username() + "@" + pg.host() + ":" + pg.port() + "/"
                + pg.database());
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
