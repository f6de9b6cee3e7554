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

    private Sandbox(SandboxApiServer apiServer, ClusterSimulator simulator, EmbeddedPostgresServer postgres,
            Path kubeconfig, String databaseUrl, int httpPort) {
        this.apiServer = apiServer;
        this.simulator = simulator;
        this.postgres = postgres;
        this.kubeconfig = kubeconfig;
        this.databaseUrl = databaseUrl;
        this.httpPort = httpPort;
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
        try {
            apiServer.setAdmission(new SchemaAdmission());
            apiServer.applyCrdsFromClasspath();
            apiServer.applySamplesFromClasspath();
            Path kubeconfig = apiServer.writeKubeconfig(state.resolve("kubeconfig"));
            simulator = new ClusterSimulator(apiServer.newClient()).start();

            String databaseUrl;
            if (externalDatabase.isPresent()) {
                databaseUrl = externalDatabase.get();
            } else {
                postgres = EmbeddedPostgresServer.start(null, 0);
                databaseUrl = postgres.jdbcUrl();
                System.setProperty("quarkus.datasource.username", postgres.username());
                System.setProperty("quarkus.datasource.password", postgres.password());
            }
            System.setProperty("quarkus.datasource.jdbc.url", databaseUrl);
            apiServer.clientSystemProperties().forEach(System::setProperty);
            int httpPort = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            return new Sandbox(apiServer, simulator, postgres, kubeconfig, databaseUrl, httpPort);
        } catch (RuntimeException e) {
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
        lines.put("metrics", "http://localhost:" + httpPort + "/q/metrics");
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
        simulator.close();
        apiServer.close();
        if (postgres != null) {
            postgres.stop();
        }
    }
}
