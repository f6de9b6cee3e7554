package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.condition;
import static io.neoforge.operator.testing.Cluster.conditionIs;
import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.tenant.DeletionPolicy;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.operator.database.TenantDatabaseService;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantDeletionTest extends OperatorTest {

    @Inject
    TenantDatabaseService database;

    @AfterEach
    void clearDeletionBudget() throws SQLException {
        sql("DELETE FROM neoforge_operator.tenant_deletions WHERE tenant LIKE 'budget-filler-%'");
    }

    @Test
    void retainPolicyKeepsSchemaWithLoginDisabledAndANewTenantOfTheSameNameAdoptsIt() throws Exception {
        provision("hooli", DeletionPolicy.Retain);
        String password = cluster.secretData("tenant-hooli", "neoforge-db").get("password");
        try (Connection tenant = TestPostgres.get().connectAs("tenant_hooli", password);
                Statement statement = tenant.createStatement()) {
            statement.execute("CREATE TABLE customers (name text)");
            statement.execute("INSERT INTO customers VALUES ('gavin')");
        }

        client.resources(Tenant.class).withName("hooli").delete();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("hooli") == null);
        assertThat(cluster.namespaceDeletionRequested("tenant-hooli")).isTrue();
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_hooli'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_hooli' AND NOT rolcanlogin"))
                .isEqualTo(1);
        assertThatThrownBy(() ->
                        TestPostgres.get().connectAs("tenant_hooli", password).close())
                .isInstanceOf(SQLException.class);

        // Re-created while the old namespace is still terminating (here until the test finishes it, as the namespace
        // controller would): the operator says so and waits for it to be gone.
        create("hooli", DeletionPolicy.Retain);
        Tenant waiting = cluster.awaitTenant(
                "hooli",
                conditionIs(TenantConditions.NAMESPACE_READY, false)
                        .and(t -> "NamespaceTerminating"
                                .equals(condition(t, TenantConditions.NAMESPACE_READY)
                                        .getReason()))
                        .or(t -> !cluster.namespaceTerminating("tenant-hooli")));
        if (cluster.namespaceTerminating("tenant-hooli")) {
            assertThat(condition(waiting, TenantConditions.READY).getReason()).isEqualTo("NamespaceTerminating");
            assertThat(waiting.getStatus().getPhase()).isEqualTo(TenantPhase.Provisioning);
        }
        cluster.finishNamespaceDeletion("tenant-hooli");
        cluster.markDeploymentAvailable("tenant-hooli", "app");
        cluster.awaitTenant("hooli", ready());
        String newPassword = cluster.secretData("tenant-hooli", "neoforge-db").get("password");
        try (Connection tenant = TestPostgres.get().connectAs("tenant_hooli", newPassword);
                Statement statement = tenant.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM customers")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("gavin");
        }
    }

    @Test
    void deletePolicyDropsSchemaAndRole() throws Exception {
        provision("pied-piper", DeletionPolicy.Delete);
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_pied_piper'"))
                .isEqualTo(1);

        client.resources(Tenant.class).withName("pied-piper").delete();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("pied-piper") == null);
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_pied_piper'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_pied_piper'"))
                .isZero();
        assertThat(cluster.namespaceDeletionRequested("tenant-pied-piper")).isTrue();
    }

    @Test
    void deletionProtectionKeepsTheTenantUntilItIsLifted() throws Exception {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName("vault");
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan("basic");
        tenant.getSpec().setDeletionProtection(true);
        tenant.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
        client.resource(tenant).create();
        cluster.markDeploymentAvailable("tenant-vault", "app");
        cluster.awaitTenant("vault", ready());

        boolean refusedByPolicy = SandboxApiServerResource.cluster().admissionPolicies();
        if (refusedByPolicy) {
            // A cluster with manifests/base's ValidatingAdmissionPolicy refuses the DELETE itself.
            KubernetesClientException refused = catchThrowableOfType(
                    KubernetesClientException.class,
                    () -> client.resources(Tenant.class).withName("vault").delete());
            assertThat(refused).isNotNull();
            assertThat(refused.getCode()).isEqualTo(403);
            assertThat(refused.getMessage()).contains("tenant vault is deletion-protected");
            assertThat(cluster.get("vault").getMetadata().getDeletionTimestamp())
                    .isNull();
        } else {
            // Without that policy (the sandbox, older clusters) the operator's finalizer keeps everything.
            client.resources(Tenant.class).withName("vault").delete();
            Tenant blocked = cluster.awaitTenant("vault", t -> t.getStatus().getPhase() == TenantPhase.Deleting);
            assertThat(condition(blocked, TenantConditions.READY).getReason()).isEqualTo("DeletionProtected");
            assertThat(blocked.getMetadata().getDeletionTimestamp()).isNotNull();
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(cluster.namespaceActive("tenant-vault")).isTrue();
            assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_vault'"))
                    .isEqualTo(1);
        });

        cluster.edit("vault", t -> {
            t.getSpec().setDeletionProtection(false);
            return t;
        });
        if (refusedByPolicy) {
            client.resources(Tenant.class).withName("vault").delete();
        }
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("vault") == null);
        assertThat(count("SELECT count(*) FROM pg_roles WHERE rolname = 'tenant_vault'"))
                .isZero();
    }

    @Test
    void deletionsBeyondTheHourlyBudgetWait() throws Exception {
        provision("stark", DeletionPolicy.Retain);
        database.deletionsSince(Instant.now()); // creates the bookkeeping table on first use
        sql("INSERT INTO neoforge_operator.tenant_deletions (tenant, uid, deleted_at) "
                + "SELECT 'budget-filler-' || i, 'budget-filler-' || i, now() FROM generate_series(1, 1000) AS i");

        client.resources(Tenant.class).withName("stark").delete();
        Tenant waiting = cluster.awaitTenant("stark", t -> t.getStatus().getPhase() == TenantPhase.Deleting);
        assertThat(condition(waiting, TenantConditions.READY).getReason()).isEqualTo("DeletionThrottled");
        assertThat(cluster.namespaceActive("tenant-stark")).isTrue();

        clearDeletionBudget();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("stark") == null);
        assertThat(count("SELECT count(*) FROM neoforge_operator.tenant_deletions WHERE tenant = 'stark'"))
                .isEqualTo(1);
    }

    @Test
    void tenantsDeletedAllAtOnceNeverExceedTheHourlyBudget() throws Exception {
        String[] names = {"quota-one", "quota-two", "quota-three", "quota-four", "quota-five"};
        for (String name : names) {
            provision(name, DeletionPolicy.Retain);
        }
        database.deletionsSince(Instant.now()); // migrates the operator's schema on first use
        // the budget (1000 in tests) with all but two spent: of five tenants deleted at once, two go
        long spent = count(
                "SELECT count(*) FROM neoforge_operator.tenant_deletions WHERE deleted_at >= now() - interval '1 hour'");
        sql("INSERT INTO neoforge_operator.tenant_deletions (tenant, uid, deleted_at) SELECT 'budget-filler-' || i,"
                + " 'budget-filler-race-' || i, now() FROM generate_series(1, " + (1000 - spent - 2) + ") AS i");

        for (String name : names) {
            client.resources(Tenant.class).withName(name).delete();
        }

        await().atMost(Cluster.TIMEOUT).until(() -> gone(names) == 2);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gone(names)).as("tenants deleted").isEqualTo(2);
            assertThat(count("SELECT count(*) FROM neoforge_operator.tenant_deletions WHERE tenant LIKE 'quota-%'"))
                    .isEqualTo(2);
        });
        for (String name : names) {
            Tenant left = cluster.get(name);
            if (left != null) {
                assertThat(condition(left, TenantConditions.READY).getReason()).isEqualTo("DeletionThrottled");
                assertThat(cluster.namespaceActive("tenant-" + name)).isTrue();
            }
        }

        clearDeletionBudget();
        await().atMost(Cluster.TIMEOUT).until(() -> gone(names) == names.length);
        assertThat(count("SELECT count(*) FROM neoforge_operator.tenant_deletions WHERE tenant LIKE 'quota-%'"))
                .isEqualTo(names.length);
    }

    private int gone(String... names) {
        int gone = 0;
        for (String name : names) {
            if (cluster.get(name) == null) {
                gone++;
            }
        }
        return gone;
    }

    private void provision(String name, DeletionPolicy policy) {
        create(name, policy);
        cluster.markDeploymentAvailable("tenant-" + name, "app");
        cluster.awaitTenant(name, ready());
    }

    private void create(String name, DeletionPolicy policy) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan("basic");
        tenant.getSpec().setDeletionPolicy(policy);
        client.resource(tenant).create();
    }

    private static long count(String query) throws SQLException {
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void sql(String statementText) throws SQLException {
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute(statementText);
        }
    }
}
