package io.neoforge.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as a child process: its production jar, started as the sandbox's launcher starts it (runtime profile
 * {@code sandbox}, Fabric8's connection properties, the datasource), but pointed at the benchmark's API server
 * (through the counting proxy) and PostgreSQL, on a free port: {@code java -Dquarkus.profile=sandbox ... -jar
 * quarkus-run.jar}.
 */
final class OperatorProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path app;
    private final String masterUrl;
    private final String jdbcUrl;
    private final Path log;
    private final List<String> extraJvmArgs;
    private Process process;
    private int httpPort;

    OperatorProcess(Path app, String masterUrl, String jdbcUrl, Path log, List<String> extraJvmArgs) {
        this.app = app;
        this.masterUrl = masterUrl;
        this.jdbcUrl = jdbcUrl;
        this.log = log;
        this.extraJvmArgs = extraJvmArgs;
    }

    long pid() {
        return process.pid();
    }

    /** Starts it and waits until its HTTP endpoint answers (no readiness probe: that one runs SQL). */
    OperatorProcess start() throws Exception {
        httpPort = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(extraJvmArgs);
        cmd.addAll(List.of(
                "-Dquarkus.profile=sandbox",
                "-Dkubernetes.master=" + masterUrl,
                "-Dkubernetes.trust.certificates=true",
                "-Dkubernetes.auth.tryKubeConfig=false",
                "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dkubernetes.namespace=default",
                "-Dhttp2.disable=true",
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=",
                "-Dquarkus.http.port=" + httpPort,
                "-jar",
                app.resolve("quarkus-run.jar").toString()));
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> started.destroyForcibly(), "stop-operator-" + started.pid()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("operator exited with " + process.exitValue() + "; see " + log);
            }
            if (metricsText() != null) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("operator did not start within 120 s; see " + log);
    }

    /** Prometheus text of /q/metrics, or null when it does not answer. */
    String metricsText() {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Sum of the operator's {@code neoforge_tenants} gauge for a phase (the operator's own bookkeeping, used only to
     * know when a resync has gone through every tenant, never to count work).
     */
    long tenantsInPhase(String phase) {
        String text = metricsText();
        if (text == null) {
            return -1;
        }
        long sum = 0;
        Pattern p = Pattern.compile(
                "^neoforge_tenants\\{[^}]*phase=\"" + phase + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
        Matcher m = p.matcher(text);
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    record Memory(long heapUsedBytes, long heapCommittedBytes, long rssBytes) {}

    /** Full GC (jcmd GC.run), then used heap (GC.heap_info) and the process' resident set (/proc). */
    Memory memory() throws Exception {
        jcmd("GC.run");
        Thread.sleep(500);
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        long used = -1;
        long committed = -1;
        if (m.find()) {
            committed = Long.parseLong(m.group(1)) * 1024;
            used = Long.parseLong(m.group(2)) * 1024;
        }
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return new Memory(used, committed, rss);
    }

    /**
     * Bytes of live objects (jcmd GC.class_histogram, which runs a full collection first: its "Total" line). Unlike
     * the collector's "used", it holds no free space left in regions. The {@code lines} largest classes go to
     * {@code file} when it is not null.
     */
    long liveHeapBytes(Path file, int lines) throws Exception {
        String histogram = jcmd("GC.class_histogram");
        if (file != null) {
            Files.write(file, histogram.lines().limit(lines + 3L).toList());
        }
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$").matcher(histogram);
        return total.find() ? Long.parseLong(total.group(1)) : -1;
    }

    private String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid()),
                        command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** SIGTERM, as Kubernetes stops a pod; waits for the exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
