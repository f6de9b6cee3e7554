package io.neoforge.operator.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The platform API beside the operator in the sandbox: its own JVM (two Quarkus applications cannot
 * share one), pointed at the same API server and database through the same properties a cluster
 * deployment sets. It shares the terminal, so its banner and tokens print with the sandbox's.
 */
final class PlatformApiProcess implements AutoCloseable {
    private final Process process;

    private PlatformApiProcess(Process process) {
        this.process = process;
    }

    /** Starts the API when its jar is configured and built; empty (with a note) otherwise. */
    static Optional<PlatformApiProcess> start(Optional<String> jar, Map<String, String> properties) throws IOException {
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(jar.get());
        if (!Files.isRegularFile(path)) {
            System.out.println("  (platform API not started: " + path + " is not built)");
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.profile=sandbox");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(path.toString());
        return Optional.of(new PlatformApiProcess(new ProcessBuilder(command).inheritIO().start()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
