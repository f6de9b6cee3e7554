package io.neoforge.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything the README's sandbox runs: the in-process cluster and PostgreSQL in this JVM, the operator and the
 * platform API as child JVMs. Started in that order, stopped in the reverse one.
 */
final class Sandbox implements AutoCloseable {
    /** The ports the README names; the applications' {@code %sandbox} profiles say the same. */
    static final int OPERATOR_PORT = 8082;

    static final int PLATFORM_API_PORT = 8080;

    private final LauncherSettings settings;
    private final PrintStream console;
    private final QuarkusApp operator;
    private final QuarkusApp platformApi;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile InProcessCluster cluster;
    private volatile SandboxDatabase database;

    Sandbox(LauncherSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
        this.operator = new QuarkusApp("operator", settings.operatorJar(), OPERATOR_PORT);
        this.platformApi = new QuarkusApp("platform-api", settings.platformApiJar(), PLATFORM_API_PORT);
    }

    /** Starts everything and returns without waiting for the applications (see {@link #readinessChecks()}). */
    void start() throws StartupFailure {
        List<String> problems = new ArrayList<>();
        problems.addAll(operator.problems());
        problems.addAll(platformApi.problems());
        if (!problems.isEmpty()) {
            throw new StartupFailure(String.join("; ", problems));
        }
        try {
            Files.createDirectories(settings.stateDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster = InProcessCluster.start(
                settings.apiServerPort(), settings.stateDirectory().resolve("kubeconfig"));
        database = SandboxDatabase.start(settings);

        Map<String, String> connection = new LinkedHashMap<>(cluster.clientSystemProperties());
        connection.putAll(database.datasourceProperties());
        Map<String, String> platformApiProperties = new LinkedHashMap<>(connection);
        platformApiProperties.put(
                "neoforge.api.auth.dev-keys.directory", tokenDirectory().toString());
        Map<String, String> secrets = database.datasourceEnvironment();
        for (QuarkusApp app :
                List.of(operator.with(connection, secrets), platformApi.with(platformApiProperties, secrets))) {
            if (closing.get()) {
                return;
            }
            children.add(app.start(console));
        }
    }

    List<ReadinessCheck> readinessChecks() {
        return List.of(
                new ReadinessCheck("the Kubernetes API server (" + cluster.url() + ")", cluster::acceptsConnections),
                new ReadinessCheck("PostgreSQL (" + database.jdbcUrl() + ")", database::acceptsConnections),
                readiness("the operator", operator),
                readiness("the platform API", platformApi));
    }

    List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /** Blocks until the first child exits, and returns it. */
    ChildProcess awaitFirstChildExit() throws InterruptedException {
        CompletableFuture<?>[] exits =
                children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            return (ChildProcess) CompletableFuture.anyOf(exits).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    boolean closing() {
        return closing.get();
    }

    Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Kubernetes API", cluster.url());
        lines.put("kubeconfig", cluster.kubeconfig().toString());
        lines.put("PostgreSQL", database.jdbcUrl());
        lines.put("operator metrics", "http://localhost:" + OPERATOR_PORT + "/q/metrics");
        lines.put(
                "platform API",
                "http://127.0.0.1:" + PLATFORM_API_PORT + "/api/v1 (dashboard http://127.0.0.1:" + PLATFORM_API_PORT
                        + "/)");
        lines.put(
                "tokens",
                shown(tokenDirectory().resolve("admin.token")) + ", "
                        + shown(tokenDirectory().resolve("tenant-acme.token")));
        database.psqlCommand().ifPresent(psql -> lines.put("psql", psql));
        return lines;
    }

    Path kubeconfig() {
        return cluster.kubeconfig();
    }

    /** Stops the children (together), then the cluster and PostgreSQL. Idempotent; safe from a shutdown hook. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        children.stream()
                .map(child -> CompletableFuture.runAsync(() -> {
                    child.close();
                    console.println("  the " + child.name() + " stopped (" + child.exitDescription() + ")");
                }))
                .toList()
                .forEach(CompletableFuture::join);
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ReadinessCheck readiness(String what, QuarkusApp app) {
        return new ReadinessCheck(what + " (" + app.readinessUrl() + ")", () -> Http.answers200(app.readinessUrl()));
    }

    private Path tokenDirectory() {
        return settings.stateDirectory().resolve("platform-api");
    }

    /** Relative to the working directory when inside it, as the README writes paths. */
    private static String shown(Path path) {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return path.startsWith(workingDirectory)
                ? workingDirectory.relativize(path).toString()
                : path.toString();
    }
}
