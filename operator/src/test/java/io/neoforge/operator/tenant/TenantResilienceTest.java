package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.condition;
import static io.neoforge.operator.testing.Cluster.conditionIs;
import static io.neoforge.operator.testing.Cluster.ready;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.PostgresTestResource;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantResilienceTest extends OperatorTest {

    @AfterEach
    void restoreDatabase() {
        PostgresTestResource.proxy().restore();
    }

    @Test
    void databaseOutageIsReportedAndTheTenantConvergesOnceItIsBack() throws Exception {
        PostgresTestResource.proxy().cut();
        cluster.tenant("wayne", "basic");
        cluster.markDeploymentAvailable("tenant-wayne", "app");

        Tenant down = cluster.awaitTenant(
                "wayne",
                conditionIs(TenantConditions.DATABASE_READY, false)
                        .and(t -> "DatabaseUnavailable"
                                .equals(condition(t, TenantConditions.DATABASE_READY)
                                        .getReason())));
        assertThat(condition(down, TenantConditions.READY).getStatus()).isEqualTo("False");
        assertThat(condition(down, TenantConditions.DATABASE_READY).getMessage())
                .contains("Retrying");
        assertThat(condition(down, TenantConditions.NAMESPACE_READY).getStatus())
                .isEqualTo("True");
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("DatabaseUnavailable"));
        // The operator itself stays ready: Prometheus keeps scraping it during the outage.
        given().when().get("/q/health/ready").then().statusCode(200);

        PostgresTestResource.proxy().restore();
        cluster.awaitTenant("wayne", ready());
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_wayne'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_wayne'"))
                .isEqualTo(1);
    }

    @Test
    void resyncOfAReadyTenantWritesNothingAndIssuesNoSql() throws Exception {
        cluster.tenant("oscorp", "basic");
        cluster.markDeploymentAvailable("tenant-oscorp", "app");
        Tenant readyTenant = cluster.awaitTenant("oscorp", ready());
        String passwordVerifier = text("SELECT rolpassword FROM pg_authid WHERE rolname = 'tenant_oscorp'");
        String deploymentVersion = client.apps()
                .deployments()
                .inNamespace("tenant-oscorp")
                .withName("app")
                .get()
                .getMetadata()
                .getResourceVersion();
        long requestsBefore = mutatingRequestsAbout("oscorp");

        // A change to the plan that alters nothing the tenant gets makes every tenant on it reconcile.
        client.resources(Plan.class).withName("basic").edit(plan -> {
            plan.getSpec().setDisplayName("Basic, renamed");
            return plan;
        });

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(cluster.get("oscorp").getMetadata().getResourceVersion())
                    .isEqualTo(readyTenant.getMetadata().getResourceVersion());
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("tenant-oscorp")
                            .withName("app")
                            .get()
                            .getMetadata()
                            .getResourceVersion())
                    .isEqualTo(deploymentVersion);
            // counted by the API server: not even an apply that would change nothing
            assertThat(mutatingRequestsAbout("oscorp"))
                    .as("writes to the tenant and its namespace")
                    .isEqualTo(requestsBefore);
            // apply() would set the password again with a fresh SCRAM salt.
            assertThat(text("SELECT rolpassword FROM pg_authid WHERE rolname = 'tenant_oscorp'"))
                    .isEqualTo(passwordVerifier);
        });
    }

    @Test
    void metricsExposeTenantsByPhaseAndPlanAndTimeToReady() {
        cluster.tenant("lexcorp", "basic");
        cluster.markDeploymentAvailable("tenant-lexcorp", "app");
        cluster.awaitTenant("lexcorp", ready());

        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("neoforge_tenants{phase=\"Ready\",plan=\"basic\"}"))
                .body(containsString("neoforge_tenant_time_to_ready_seconds_count"))
                .body(containsString("reconciliations_execution_duration_seconds_count"))
                .body(containsString("reconciliations_success_total"));
    }

    /** POST/PUT/PATCH/DELETE requests the API server answered for the tenant, its status and its namespace's objects. */
    private static long mutatingRequestsAbout(String tenant) {
        return SandboxApiServerResource.server()
                .mutatingRequests(r -> r.endsWith("/tenants/" + tenant)
                        || r.contains("/tenants/" + tenant + "/")
                        || r.contains("/namespaces/tenant-" + tenant + "/")
                        || r.endsWith("/namespaces/tenant-" + tenant));
    }

    private static long count(String query) throws SQLException {
        return Long.parseLong(text(query));
    }

    private static String text(String query) throws SQLException {
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
