package io.neoforge.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The launcher as the README's command runs it: its own JVM, from the repository root, output collected. */
final class LauncherRun implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("neoforge.repoRoot", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path OPERATOR_JAR = Path.of(System.getProperty(
            "neoforge.sandbox.operator-jar",
            REPO.resolve("operator/target/quarkus-app/quarkus-run.jar").toString()));
    static final Path PLATFORM_API_JAR = Path.of(System.getProperty(
            "neoforge.sandbox.platform-api-jar",
            REPO.resolve("platform-api/target/quarkus-app/quarkus-run.jar").toString()));

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private LauncherRun(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "launcher-output");
        reader.setDaemon(true);
        reader.start();
    }

    static LauncherRun start(Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LauncherMain.class.getName()));
        return new LauncherRun(new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start());
    }

    /** Waits for a line; false if the launcher exits or the time runs out first. */
    boolean awaitLine(Predicate<String> line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(2_000);
                return lines.stream().anyMatch(line);
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Every process the launcher has started that is still a child of it (the applications, the watchdogs). */
    List<ProcessHandle> descendants() {
        return process.toHandle().descendants().toList();
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the launcher did not exit within " + timeout + ":\n" + output());
        }
        reader.join(2_000);
        return process.exitValue();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        List<ProcessHandle> left = descendants();
        process.toHandle().destroyForcibly();
        left.forEach(ProcessHandle::destroyForcibly);
    }

    private void collect() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the launcher has gone
        }
    }
}
