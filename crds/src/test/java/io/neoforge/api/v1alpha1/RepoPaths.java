package io.neoforge.api.v1alpha1;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository and the CRD generator's output (set by the crds pom's Surefire config). */
public final class RepoPaths {
    private RepoPaths() {}

    public static Path repoRoot() {
        return directory("neoforge.repoRoot");
    }

    public static Path generatedCrds() {
        return directory("neoforge.generatedCrds");
    }

    private static Path directory(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set; run the tests through Maven (mvn -pl crds test), which sets it");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(property + " points to " + path + ", which is not a directory");
        }
        return path;
    }
}
