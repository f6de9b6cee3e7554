package io.neoforge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {
    @Test
    void readsTheEnvironmentVariablesTheReadmeNames() {
        LauncherSettings settings = LauncherSettings.from(
                new Properties(),
                Map.of(
                        "NEOFORGE_SANDBOX_DATABASE_URL", "jdbc:postgresql://db:5432/neoforge",
                        "QUARKUS_DATASOURCE_USERNAME", "admin",
                        "QUARKUS_DATASOURCE_PASSWORD", "secret"));

        assertThat(settings.databaseUrl()).contains("jdbc:postgresql://db:5432/neoforge");
        assertThat(settings.databaseUsername()).contains("admin");
        assertThat(settings.databasePassword()).contains("secret");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("neoforge.sandbox.api-server-port", "6443");
        properties.setProperty("neoforge.sandbox.startup-timeout", "PT30S");

        LauncherSettings settings =
                LauncherSettings.from(properties, Map.of("NEOFORGE_SANDBOX_API_SERVER_PORT", "7443"));

        assertThat(settings.apiServerPort()).isEqualTo(6443);
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultsAreTheReadmesFromTheRepositoryRoot() {
        LauncherSettings settings =
                LauncherSettings.from(new Properties(), Map.of("NEOFORGE_SANDBOX_DATABASE_URL", " "));

        Path here = Path.of("").toAbsolutePath();
        assertThat(settings.stateDirectory()).isEqualTo(here.resolve(".neoforge"));
        assertThat(settings.operatorJar()).isEqualTo(here.resolve("operator/target/quarkus-app/quarkus-run.jar"));
        assertThat(settings.platformApiJar())
                .isEqualTo(here.resolve("platform-api/target/quarkus-app/quarkus-run.jar"));
        assertThat(settings.databaseUrl()).as("a blank setting is no setting").isEqualTo(Optional.empty());
        assertThat(settings.apiServerPort()).isZero();
    }
}
