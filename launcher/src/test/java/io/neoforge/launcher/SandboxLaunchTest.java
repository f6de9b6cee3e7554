package io.neoforge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command at run time: the launcher runs the production jars of the operator and the platform API
 * (built by the reactor before this module) against the in-process cluster and PostgreSQL, says once that it is
 * ready, and leaves no process behind when it stops.
 */
class SandboxLaunchTest {
    private static final String READY = "NeoForge sandbox is ready";
    private static final Duration START = Duration.ofMinutes(4);

    @TempDir
    Path state;

    @Test
    void runsTheProductionJarsSaysOnceItIsReadyAndStopsEverythingOnSigterm() throws Exception {
        assertThat(jarsBuilt())
                .as(
                        "%s and %s (mvn -B package -pl launcher -am builds them)",
                        LauncherRun.OPERATOR_JAR, LauncherRun.PLATFORM_API_JAR)
                .isTrue();
        try (LauncherRun launcher = LauncherRun.start(settings(LauncherRun.OPERATOR_JAR))) {
            assertThat(launcher.awaitLine(line -> line.startsWith(READY), START))
                    .as("ready line; the launcher said:\n%s", launcher.output())
                    .isTrue();
            Path kubeconfig = state.resolve("kubeconfig");

            assertThat(kubectl(kubeconfig, "get", "plans")).contains("starter", "pro", "enterprise");
            assertThat(kubectl(kubeconfig, "apply", "--server-side", "-f", "manifests/crds/"))
                    .contains(
                            "customresourcedefinition.apiextensions.k8s.io/plans.neoforge.io serverside-applied",
                            "customresourcedefinition.apiextensions.k8s.io/tenants.neoforge.io serverside-applied");
            kubectl(kubeconfig, "apply", "-f", "docs/examples/tenant-acme.yaml");
            assertThat(kubectl(kubeconfig, "wait", "--for=condition=Ready", "tenant/acme", "--timeout=60s"))
                    .contains("condition met");
            String token =
                    Files.readString(state.resolve("platform-api/admin.token")).trim();
            assertThat(get("http://127.0.0.1:8080/api/v1/tenants/acme", token)).contains("\"name\":\"acme\"");

            List<ProcessHandle> started = launcher.descendants();
            int postgresPort = postgresPort(launcher.output());
            int exitCode = launcher.terminate(Duration.ofSeconds(60));

            assertThat(exitCode).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(started).as("the launcher's child processes").hasSizeGreaterThanOrEqualTo(2);
            // embedded PostgreSQL's watchdog shell may leave its 'sleep 1' for up to a second
            assertThat(goneWithin(started, Duration.ofSeconds(3)))
                    .as("processes still alive after the launcher exited")
                    .isEmpty();
            assertThat(processesOf(state))
                    .as("processes started for this sandbox")
                    .isEmpty();
            assertThat(acceptsConnections(postgresPort))
                    .as("embedded PostgreSQL on port %d", postgresPort)
                    .isFalse();
            assertThat(acceptsConnections(Sandbox.OPERATOR_PORT)).isFalse();
            assertThat(acceptsConnections(Sandbox.PLATFORM_API_PORT)).isFalse();
            assertThat(launcher.lines().stream().filter(line -> line.contains(READY)))
                    .hasSize(1);
            assertThat(launcher.lines())
                    .contains("NeoForge sandbox stopped.")
                    .anyMatch(line -> line.startsWith("operator | ") && line.contains("stopped in"));
        }
    }

    @Test
    void aChildThatExitsDuringStartUpIsNamedAndStopsEverything() throws Exception {
        Path notAJar = Files.writeString(state.resolve("broken.jar"), "not a jar");
        try (LauncherRun launcher = LauncherRun.start(settings(notAJar))) {
            int exitCode = launcher.awaitExit(START);
            List<String> lines = launcher.lines();

            assertThat(exitCode).isEqualTo(1);
            assertThat(lines)
                    .as(launcher.output())
                    .anyMatch(line -> line.startsWith(
                            "NeoForge sandbox did not start: the operator exited during start-up (exit code 1)"))
                    .noneMatch(line -> line.contains(READY));
            assertThat(acceptsConnections(postgresPort(launcher.output()))).isFalse();
            assertThat(processesOf(state))
                    .as("processes started for this sandbox")
                    .isEmpty();
        }
    }

    @Test
    void aTakenPortStopsItBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(Sandbox.OPERATOR_PORT, 1, InetAddress.getByName("127.0.0.1"));
                LauncherRun launcher = LauncherRun.start(settings(LauncherRun.OPERATOR_JAR))) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(launcher.output())
                    .contains("port 8082 of the operator is in use by another process")
                    .doesNotContain("=== NeoForge sandbox ===");
        }
    }

    private Map<String, String> settings(Path operatorJar) {
        return Map.of(
                "neoforge.sandbox.state-directory",
                state.toString(),
                "neoforge.sandbox.operator-jar",
                operatorJar.toString(),
                "neoforge.sandbox.platform-api-jar",
                LauncherRun.PLATFORM_API_JAR.toString());
    }

    private static boolean jarsBuilt() {
        return Files.isRegularFile(LauncherRun.OPERATOR_JAR) && Files.isRegularFile(LauncherRun.PLATFORM_API_JAR);
    }

    private static List<String> goneWithin(List<ProcessHandle> processes, Duration timeout)
            throws InterruptedException {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the survivors are the answer
        }
        return processes.stream()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }

    /** The launcher and the platform API name the state directory on their command lines. */
    private static List<String> processesOf(Path state) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(state.toString()))
                .toList();
    }

    /** From the banner's psql line. */
    private static int postgresPort(String output) {
        Matcher psql = Pattern.compile("psql postgresql://postgres@127\\.0\\.0\\.1:(\\d+)/")
                .matcher(output);
        assertThat(psql.find()).as("psql line in:\n%s", output).isTrue();
        return Integer.parseInt(psql.group(1));
    }

    private static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String get(String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private static String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(LauncherRun.REPO.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s:\n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }
}
