package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.condition;
import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The informers see only objects labelled {@code app.kubernetes.io/managed-by=neoforge}, so an owned object whose
 * label a person removes looks deleted to the operator. It must be adopted again (label back, same object, content
 * converged), not created anew in a loop that leaves the tenant stuck.
 */
@QuarkusTest
class OwnedObjectAdoptionTest extends OperatorTest {
    /** What a person would send: a JSON patch removing just that label. */
    private static final String REMOVE_MANAGED_BY =
            "[{\"op\":\"remove\",\"path\":\"/metadata/labels/" + TenantLabels.MANAGED_BY.replace("/", "~1") + "\"}]";

    @Test
    void theDatabaseSecretIsAdoptedWithItsPasswordUnchanged() throws SQLException {
        String tenant = readyTenant("adopt-secret");
        String ns = "tenant-adopt-secret";
        String password = cluster.secretData(ns, "neoforge-db").get("password");
        String uid = removeManagedByLabel(Secret.class, ns, "neoforge-db");

        awaitAdopted(Secret.class, ns, "neoforge-db", uid);

        assertThat(cluster.secretData(ns, "neoforge-db").get("password")).isEqualTo(password);
        try (Connection connection = TestPostgres.get().connectAs("tenant_adopt_secret", password)) {
            assertThat(connection.isValid(5)).isTrue();
        }
        awaitReadyAndFollowingPlanChanges(tenant, ns);
        try (Connection connection = TestPostgres.get().connectAs("tenant_adopt_secret", password)) {
            assertThat(connection.isValid(5))
                    .as("the password still logs in after the plan change")
                    .isTrue();
        }
    }

    @Test
    void aDeletedSecretComesBackWithANewPasswordThatTheRoleTakesToo() throws SQLException {
        String tenant = readyTenant("adopt-deleted");
        String ns = "tenant-adopt-deleted";
        String oldPassword = cluster.secretData(ns, "neoforge-db").get("password");
        String oldDigest = credentialsDigest(ns);

        client.secrets().inNamespace(ns).withName("neoforge-db").delete();

        String newPassword = await().atMost(Cluster.TIMEOUT)
                .until(
                        () -> {
                            Secret secret = client.secrets()
                                    .inNamespace(ns)
                                    .withName("neoforge-db")
                                    .get();
                            return secret == null
                                    ? null
                                    : cluster.secretData(ns, "neoforge-db").get("password");
                        },
                        password -> password != null && !password.equals(oldPassword));
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            try (Connection connection = TestPostgres.get().connectAs("tenant_adopt_deleted", newPassword)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        });
        assertThatThrownBy(() -> TestPostgres.get()
                        .connectAs("tenant_adopt_deleted", oldPassword)
                        .close())
                .isInstanceOf(SQLException.class);
        assertThat(credentialsDigest(ns))
                .as("the app's pods restart with the new credentials")
                .isNotEqualTo(oldDigest);
        awaitReadyAndFollowingPlanChanges(tenant, ns);
    }

    @Test
    void theDeploymentIsAdoptedAsTheSameObject() throws SQLException {
        String tenant = readyTenant("adopt-deploy");
        String ns = "tenant-adopt-deploy";
        String uid = removeManagedByLabel(Deployment.class, ns, "app");

        awaitAdopted(Deployment.class, ns, "app", uid);

        awaitReadyAndFollowingPlanChanges(tenant, ns);
    }

    @Test
    void theBrandingConfigMapIsAdoptedAndItsContentConverges() throws SQLException {
        String tenant = readyTenant("adopt-branding");
        String ns = "tenant-adopt-branding";
        String uid = removeManagedByLabel(ConfigMap.class, ns, "neoforge-branding");
        client.configMaps().inNamespace(ns).withName("neoforge-branding").edit(configMap -> {
            configMap.getData().put("displayName", "edited by hand");
            return configMap;
        });

        awaitAdopted(ConfigMap.class, ns, "neoforge-branding", uid);

        await().atMost(Cluster.TIMEOUT)
                .untilAsserted(() -> assertThat(client.configMaps()
                                .inNamespace(ns)
                                .withName("neoforge-branding")
                                .get()
                                .getData())
                        .containsEntry("displayName", "ADOPT-BRANDING"));
        awaitReadyAndFollowingPlanChanges(tenant, ns);
    }

    @Test
    void theNamespaceIsAdoptedAsTheSameObject() throws SQLException {
        String tenant = readyTenant("adopt-namespace");
        String uid = removeManagedByLabel(Namespace.class, null, "tenant-adopt-namespace");

        awaitAdopted(Namespace.class, null, "tenant-adopt-namespace", uid);

        awaitReadyAndFollowingPlanChanges(tenant, "tenant-adopt-namespace");
    }

    @Test
    void aSecretControlledBySomeoneElseIsLeftAloneAndTheConditionSaysWhatToDo() throws SQLException {
        String tenant = readyTenant("adopt-foreign");
        String ns = "tenant-adopt-foreign";
        String password = cluster.secretData(ns, "neoforge-db").get("password");
        ConfigMap otherOwner = client.configMaps()
                .inNamespace(ns)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("other-owner")
                        .endMetadata()
                        .build())
                .create();
        String uid = client.secrets()
                .inNamespace(ns)
                .withName("neoforge-db")
                .get()
                .getMetadata()
                .getUid();
        // One request, so that the operator never sees the Secret without label but with the Tenant as its owner.
        client.secrets().inNamespace(ns).withName("neoforge-db").edit(secret -> {
            secret.getMetadata().getLabels().remove(TenantLabels.MANAGED_BY);
            secret.getMetadata()
                    .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                            .withApiVersion("v1")
                            .withKind("ConfigMap")
                            .withName("other-owner")
                            .withUid(otherOwner.getMetadata().getUid())
                            .withController(true)
                            .build()));
            return secret;
        });

        // The Secret belongs to the database part: its condition says so, and the namespace's is unaffected.
        Tenant refused = cluster.awaitTenant(
                tenant,
                t -> Cluster.conditionIs(TenantConditions.DATABASE_READY, false).test(t)
                        && "ObjectOwnedElsewhere"
                                .equals(condition(t, TenantConditions.DATABASE_READY)
                                        .getReason()));

        Condition databaseReady = condition(refused, TenantConditions.DATABASE_READY);
        assertThat(condition(refused, TenantConditions.NAMESPACE_READY).getStatus())
                .isEqualTo("True");
        assertThat(databaseReady.getMessage())
                .contains(
                        "Secret neoforge-db in namespace tenant-adopt-foreign",
                        "ConfigMap other-owner",
                        "remove that owner reference")
                .doesNotContain("Exception", "io.fabric8", "Failure executing", "Received status", "\tat ", password);
        assertThat(condition(refused, TenantConditions.READY).getReason()).isEqualTo("ObjectOwnedElsewhere");
        assertThat(condition(refused, TenantConditions.READY).getMessage()).isEqualTo(databaseReady.getMessage());
        assertThat(client.secrets()
                        .inNamespace(ns)
                        .withName("neoforge-db")
                        .get()
                        .getMetadata()
                        .getLabels())
                .as("left alone")
                .doesNotContainKey(TenantLabels.MANAGED_BY);

        // Once the person removes the other owner, the operator takes the Secret over, password and all.
        client.secrets().inNamespace(ns).withName("neoforge-db").edit(secret -> {
            secret.getMetadata().setOwnerReferences(new ArrayList<>());
            return secret;
        });
        awaitAdopted(Secret.class, ns, "neoforge-db", uid);
        assertThat(cluster.secretData(ns, "neoforge-db").get("password")).isEqualTo(password);
        awaitReadyAndFollowingPlanChanges(tenant, ns);
        try (Connection connection = TestPostgres.get().connectAs("tenant_adopt_foreign", password)) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    /** A Ready tenant on a plan of its own, so that the test can change the plan. */
    private String readyTenant(String name) {
        cluster.plan(name, 1, 3, "2");
        cluster.tenant(name, name);
        cluster.markDeploymentAvailable("tenant-" + name, "app");
        cluster.awaitTenant(name, ready());
        return name;
    }

    private <T extends HasMetadata> String removeManagedByLabel(Class<T> type, String namespace, String name) {
        var resource = namespace == null
                ? client.resources(type).withName(name)
                : client.resources(type).inNamespace(namespace).withName(name);
        T before = resource.get();
        assertThat(before.getMetadata().getLabels()).containsKey(TenantLabels.MANAGED_BY);
        T patched = resource.patch(PatchContext.of(PatchType.JSON), REMOVE_MANAGED_BY);
        assertThat(patched.getMetadata().getLabels()).doesNotContainKey(TenantLabels.MANAGED_BY);
        return before.getMetadata().getUid();
    }

    private <T extends HasMetadata> void awaitAdopted(Class<T> type, String namespace, String name, String uid) {
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            T live = namespace == null
                    ? client.resources(type).withName(name).get()
                    : client.resources(type)
                            .inNamespace(namespace)
                            .withName(name)
                            .get();
            assertThat(live.getMetadata().getLabels())
                    .containsEntry(TenantLabels.MANAGED_BY, TenantLabels.MANAGED_BY_VALUE);
            assertThat(live.getMetadata().getUid())
                    .as("the same object, not a new one")
                    .isEqualTo(uid);
        });
    }

    /** Ready again, and a change of its plan reaches every part: quota, autoscaler and database role. */
    private void awaitReadyAndFollowingPlanChanges(String tenant, String ns) throws SQLException {
        cluster.markDeploymentAvailable(ns, "app");
        Tenant readyAgain = cluster.awaitTenant(tenant, ready());
        assertThat(condition(readyAgain, TenantConditions.NAMESPACE_READY).getStatus())
                .isEqualTo("True");

        client.resources(Plan.class).withName(tenant).edit(plan -> {
            plan.getSpec().getQuota().setCpu("3");
            plan.getSpec().getReplicas().setMax(4);
            plan.getSpec().getDatabase().setConnectionLimit(7);
            return plan;
        });

        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            assertThat(client.resourceQuotas()
                            .inNamespace(ns)
                            .withName("neoforge-quota")
                            .get()
                            .getSpec()
                            .getHard()
                            .get("limits.cpu")
                            .toString())
                    .isEqualTo("3");
            assertThat(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace(ns)
                            .withName("app")
                            .get()
                            .getSpec()
                            .getMaxReplicas())
                    .isEqualTo(4);
            assertThat(connectionLimit("tenant_" + tenant.replace('-', '_'))).isEqualTo(7);
        });
        cluster.markDeploymentAvailable(ns, "app");
        cluster.awaitTenant(tenant, ready());
    }

    private String credentialsDigest(String ns) {
        return client.apps()
                .deployments()
                .inNamespace(ns)
                .withName("app")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("neoforge.io/credentials-digest");
    }

    private static int connectionLimit(String role) throws SQLException {
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                PreparedStatement statement =
                        admin.prepareStatement("SELECT rolconnlimit FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as("role %s exists", role).isTrue();
                return rows.getInt(1);
            }
        }
    }
}
