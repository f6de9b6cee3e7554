package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The image a module's build describes: its {@code quarkus.container-image.*} settings (application.properties) and
 * its {@code src/main/docker/Dockerfile.jvm}, which CI builds and tags with those settings.
 */
record BuildImages(String module, String reference, String dockerfileUser) {

    static BuildImages of(String module) {
        Path root = RepoPaths.repoRoot().resolve(module);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                root.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String reference = setting(properties, module, "registry") + "/" + setting(properties, module, "group") + "/"
                + setting(properties, module, "name") + ":" + setting(properties, module, "tag");
        return new BuildImages(module, reference, lastUser(root.resolve("src/main/docker/Dockerfile.jvm")));
    }

    /** Set explicitly: Quarkus' defaults (the builder's user name as group, the project version as tag) vary. */
    private static String setting(Properties properties, String module, String key) {
        String value = properties.getProperty("quarkus.container-image." + key);
        assertThat(value)
                .as("quarkus.container-image.%s in %s/src/main/resources/application.properties", key, module)
                .isNotBlank();
        return value.trim();
    }

    private static String lastUser(Path dockerfile) {
        try {
            List<String> users = Files.readAllLines(dockerfile, StandardCharsets.UTF_8).stream()
                    .map(String::trim)
                    .filter(line -> line.startsWith("USER "))
                    .map(line -> line.substring(5).trim())
                    .toList();
            assertThat(users).as("USER lines of %s", dockerfile).isNotEmpty();
            return users.get(users.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
