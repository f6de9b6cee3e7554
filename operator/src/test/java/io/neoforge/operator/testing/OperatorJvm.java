package io.neoforge.operator.testing;

import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.testsupport.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as it ships: {@code java -jar quarkus-run.jar} of the packaged application (prod profile, leader
 * election on), as a child process pointed at a sandbox API server and PostgreSQL. Its output goes to a file, so a
 * test can read what it logged.
 */
public final class OperatorJvm implements AutoCloseable {
    /** Set by Failsafe (see the operator's pom); the default works when run from the module directory. */
    private static final Path JAR =
            Path.of(System.getProperty("neoforge.operator.jar", "target/quarkus-app/quarkus-run.jar"));

    private final String identity;
    private final Path log;
    private final Process process;

    private OperatorJvm(String identity, Path log, Process process) {
        this.identity = identity;
        this.log = log;
        this.process = process;
    }

    /** System properties that point the operator at this API server and database, its Lease in {@code namespace}. */
    public static Map<String, String> properties(SandboxApiServer api, TestPostgres postgres, String namespace) {
        Map<String, String> p = new LinkedHashMap<>(api.clientSystemProperties());
        p.put("kubernetes.namespace", namespace);
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        p.put("quarkus.datasource.username", postgres.operatorUsername());
        p.put("quarkus.datasource.password", postgres.operatorPassword());
        return p;
    }

    /** Starts {@code java -D... -jar quarkus-run.jar}; HOSTNAME (the Lease identity) is {@code identity}. */
    public static OperatorJvm start(String identity, int httpPort, Map<String, String> properties) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run mvn verify (package builds it)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + httpPort);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Path log = Files.createDirectories(Path.of("target", "operator-jvms")).resolve(identity + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("HOSTNAME", identity);
        return new OperatorJvm(identity, log, builder.start());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String identity() {
        return identity;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as the kubelet sends it when a pod stops. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code, or null if it still runs after {@code timeout}. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Everything it printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
