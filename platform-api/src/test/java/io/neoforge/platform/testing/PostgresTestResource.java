package io.neoforge.platform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the datasource at {@link TestPostgres}; Flyway migrates it when the application starts. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // TestPostgres stays up for the rest of the JVM.
    }
}
