package io.neoforge.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the launcher reads, each from a system property or, when that is absent, from the environment variable
 * MicroProfile Config would map it to ({@code neoforge.sandbox.database-url} or {@code NEOFORGE_SANDBOX_DATABASE_URL}),
 * so the README's settings mean what they meant when the sandbox ran inside the operator.
 */
record LauncherSettings(
        Path stateDirectory,
        int apiServerPort,
        Optional<String> databaseUrl,
        Optional<String> databaseUsername,
        Optional<String> databasePassword,
        Path operatorJar,
        Path platformApiJar,
        Duration startupTimeout) {

    static LauncherSettings fromSystem() {
        return from(System.getProperties(), System.getenv());
    }

    static LauncherSettings from(Properties properties, Map<String, String> environment) {
        Lookup lookup = new Lookup(properties, environment);
        return new LauncherSettings(
                Path.of(lookup.get("neoforge.sandbox.state-directory").orElse(".neoforge"))
                        .toAbsolutePath(),
                Integer.parseInt(lookup.get("neoforge.sandbox.api-server-port").orElse("0")),
                lookup.get("neoforge.sandbox.database-url"),
                lookup.get("quarkus.datasource.username"),
                lookup.get("quarkus.datasource.password"),
                Path.of(lookup.get("neoforge.sandbox.operator-jar")
                                .orElse("operator/target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath(),
                Path.of(lookup.get("neoforge.sandbox.platform-api-jar")
                                .orElse("platform-api/target/quarkus-app/quarkus-run.jar"))
                        .toAbsolutePath(),
                Duration.parse(lookup.get("neoforge.sandbox.startup-timeout").orElse("PT3M")));
    }

    private record Lookup(Properties properties, Map<String, String> environment) {
        Optional<String> get(String property) {
            String value = properties.getProperty(property);
            if (value == null) {
                value = environment.get(environmentName(property));
            }
            return Optional.ofNullable(value).filter(v -> !v.isBlank());
        }

        static String environmentName(String property) {
            return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }
}
