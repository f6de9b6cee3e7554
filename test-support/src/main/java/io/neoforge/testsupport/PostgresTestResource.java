package io.neoforge.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource(PostgresTestResource.class)}: the application's datasource points at a
 * {@link TcpProxy} in front of {@link TestPostgres}'s database for this JVM, logged in as its least-privilege login
 * ({@link TestPostgres#OPERATOR_ROLE}: LOGIN CREATEROLE CREATEDB, no superuser), so a test can cut the database with {@code proxy().cut()}
 * and bring it back with {@code proxy().restore()}. Dev services stay off; Flyway (where the application uses it)
 * migrates the database when the application starts.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;

    /** The proxy of the running test resource. */
    public static TcpProxy proxy() {
        TcpProxy p = proxy;
        if (p == null) {
            throw new IllegalStateException("PostgresTestResource is not started");
        }
        return p;
    }

    @Override
    public Map<String, String> start() {
        TestPostgres postgres = TestPostgres.get();
        TcpProxy p = TcpProxy.start(postgres.host(), postgres.port());
        proxy = p;
        return Map.of(
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + p.host() + ":" + p.port() + "/" + postgres.database(),
                // the least-privilege login (LOGIN CREATEROLE CREATEDB, owner of the run's database), not the admin
                "quarkus.datasource.username",
                postgres.operatorUsername(),
                "quarkus.datasource.password",
                postgres.operatorPassword(),
                "quarkus.datasource.devservices.enabled",
                "false");
    }

    @Override
    public void stop() {
        TcpProxy p = proxy;
        proxy = null;
        if (p != null) {
            p.close();
        }
        // TestPostgres stays up for the rest of the JVM (other test classes); it stops when the JVM exits.
    }
}
