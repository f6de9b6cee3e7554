package io.neoforge.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A program the launcher runs beside itself. Its output (stdout and stderr) goes to the launcher's console, each line
 * prefixed with its name. {@link #close()} stops it the way Kubernetes stops a container (SIGTERM, then SIGKILL).
 */
final class ChildProcess implements AutoCloseable {
    private static final long STOP_SECONDS = 20;

    private final String name;
    private final Process process;
    private final Thread output;
    private final Process watchdog;

    private ChildProcess(String name, Process process, Thread output, Process watchdog) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.watchdog = watchdog;
    }

    static ChildProcess start(String name, List<String> command, PrintStream console) {
        return start(name, command, Map.of(), console);
    }

    /** With these variables added to the launcher's environment. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, PrintStream console) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Thread output = new Thread(() -> copyLines(process, name + " | ", console), name + "-output");
            output.setDaemon(true);
            output.start();
            return new ChildProcess(name, process, output, startWatchdog(process));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<ChildProcess> onExit() {
        return process.onExit().thenApply(exited -> this);
    }

    /** How it ended, e.g. "exit code 1" or "exit code 143: signal 15, SIGTERM"; only once it has. */
    String exitDescription() {
        int code = process.exitValue();
        // 128 + n: ended by signal n (a JVM that ran its shutdown hooks on SIGTERM also exits with 143)
        return switch (code) {
            case 130 -> "exit code 130: signal 2, SIGINT";
            case 137 -> "exit code 137: signal 9, SIGKILL";
            case 143 -> "exit code 143: signal 15, SIGTERM";
            default -> code > 128 ? "exit code " + code + ": signal " + (code - 128) : "exit code " + code;
        };
    }

    @Override
    public void close() {
        try {
            // Through the handle: Process.destroy() also closes our end of the pipe, and what the child says while it
            // stops would be lost.
            if (process.isAlive()) {
                process.toHandle().destroy();
                if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    process.toHandle().destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            // what it said while stopping belongs on the console before the launcher goes
            output.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            process.toHandle().destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (watchdog != null) {
                // its sleep first: it would outlive the shell by up to a second
                watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
                watchdog.destroyForcibly();
            }
        }
    }

    private static void copyLines(Process process, String prefix, PrintStream console) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                console.println(prefix + line);
            }
        } catch (IOException e) {
            // the child has gone; nothing more to copy
        }
    }

    /**
     * Shutdown hooks do not run when the launcher is killed (SIGKILL): a shell that waits for the launcher to go and
     * then stops the child, so no application is left holding the sandbox's ports. It checks the pid still belongs to
     * the child's command before it signals.
     */
    private static Process startWatchdog(Process child) {
        long launcher = ProcessHandle.current().pid();
        String command = child.info().command().orElse("");
        String script = "trap '' HUP INT TERM; while kill -0 " + launcher + " 2>/dev/null; do sleep 1; done; "
                + "if grep -qaF -- '" + command.replace("'", "") + "' /proc/" + child.pid() + "/cmdline 2>/dev/null; "
                + "then kill -TERM " + child.pid() + "; fi";
        try {
            return new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return null; // the launcher's shutdown hook still stops the child on every orderly exit
        }
    }
}
