package io.neoforge.operator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.neoforge.sandbox.ClusterSimulator;
import io.neoforge.sandbox.EmbeddedPostgresServer;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;

/**
 * The embedded default: an in-process Kubernetes API server with the CRDs and sample plans applied,
 * the cluster simulator that plays the controllers a real cluster has, and PostgreSQL. It only sets
 * the same configuration a real deployment sets (Fabric8's connection properties and the datasource),
 * so the operator runs the same code path as on a cluster.
 */
public final class Sandbox implements AutoCloseable {
    private final SandboxApiServer apiServer;
    private final ClusterSimulator simulator;
    private final EmbeddedPostgresServer postgres;
    private final Path kubeconfig;
    private final String databaseUrl;
    private final int httpPort;
    private final Optional<PlatformApiProcess> platformApi;

    private Sandbox(SandboxApiServer apiServer, ClusterSimulator simulator, EmbeddedPostgresServer postgres,
            Path kubeconfig, String databaseUrl, int httpPort, Optional<PlatformApiProcess> platformApi) {
        this.apiServer = apiServer;
        this.simulator = simulator;
        this.postgres = postgres;
        this.kubeconfig = kubeconfig;
        this.databaseUrl = databaseUrl;
        this.httpPort = httpPort;
        this.platformApi = platformApi;
    }

    static Sandbox start(Config config) throws IOException {
        Path state = Path.of(config.getOptionalValue("neoforge.sandbox.state-directory", String.class).orElse(".neoforge"))
                .toAbsolutePath();
        Files.createDirectories(state);
        int port = config.getOptionalValue("neoforge.sandbox.api-server-port", Integer.class).orElse(0);
        Optional<String> externalDatabase = config.getOptionalValue("neoforge.sandbox.database-url", String.class);

        SandboxApiServer apiServer = new SandboxApiServer(port).start();
        ClusterSimulator simulator = null;
        EmbeddedPostgresServer postgres = null;
        Optional<PlatformApiProcess> platformApi = Optional.empty();
        try {
            apiServer.setAdmission(new SchemaAdmission());
            apiServer.applyCrdsFromClasspath();
            apiServer.applySamplesFromClasspath();
            Path kubeconfig = apiServer.writeKubeconfig(state.resolve("kubeconfig"));
            simulator = new ClusterSimulator(apiServer.newClient()).start();

            Map<String, String> connection = new LinkedHashMap<>(apiServer.clientSystemProperties());
            String databaseUrl;
            if (externalDatabase.isPresent()) {
                databaseUrl = externalDatabase.get();
                config.getOptionalValue("quarkus.datasource.username", String.class)
                        .ifPresent(user -> connection.put("quarkus.datasource.username", user));
                config.getOptionalValue("quarkus.datasource.password", String.class)
                        .ifPresent(password -> connection.put("quarkus.datasource.password", password));
            } else {
                postgres = EmbeddedPostgresServer.start(null, 0);
                databaseUrl = postgres.jdbcUrl();
                connection.put("quarkus.datasource.username", postgres.username());
                connection.put("quarkus.datasource.password", postgres.password());
            }
            connection.put("quarkus.datasource.jdbc.url", databaseUrl);
            connection.forEach(System::setProperty);
            platformApi = PlatformApiProcess.start(
                    config.getOptionalValue("neoforge.sandbox.platform-api-jar", String.class), connection);
            int httpPort = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            return new Sandbox(apiServer, simulator, postgres, kubeconfig, databaseUrl, httpPort, platformApi);
        } catch (RuntimeException | IOException e) {
            platformApi.ifPresent(PlatformApiProcess::close);
            if (simulator != null) {
                simulator.close();
            }
            if (postgres != null) {
                postgres.stop();
            }
            apiServer.close();
            throw e;
        }
    }

    Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Kubernetes API", apiServer.url());
        lines.put("kubeconfig", kubeconfig.toString());
        lines.put("PostgreSQL", databaseUrl);
        lines.put("operator metrics", "http://localhost:" + httpPort + "/q/metrics");
        if (platformApi.isPresent()) {
            lines.put("platform API", "http://127.0.0.1:8080/api/v1 (dashboard http://127.0.0.1:8080/)");
            lines.put("tokens", ".neoforge/platform-api/admin.token, .neoforge/platform-api/tenant-acme.token");
        }
        if (postgres != null) {
            lines.put("psql", "psql postgresql://" + postgres.username() + "@" + postgres.host() + ":" + postgres.port()
                    + "/" + postgres.database());
        }
        return lines;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        platformApi.ifPresent(PlatformApiProcess::close);
        simulator.close();
        apiServer.close();
        if (postgres != null) {
            postgres.stop();
        }
    }
}
