package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.condition;
import static io.neoforge.operator.testing.Cluster.conditionIs;
import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantProvisioningTest extends OperatorTest {

    @Test
    void provisionsEveryObjectAndBecomesReady() throws Exception {
        Tenant created = new Tenant();
        created.getMetadata().setName("soylent");
        created.setSpec(new TenantSpec());
        created.getSpec().setPlan("basic");
        created.getSpec().setAdmins(List.of(new TenantAdmin(TenantAdmin.Kind.User, "alice@soylent.example")));
        created.getSpec().setBranding(new Branding());
        created.getSpec().getBranding().setPrimaryColor("#ff6600");
        client.resource(created).create();
        String ns = "tenant-soylent";

        cluster.awaitTenant("soylent", conditionIs(TenantConditions.DATABASE_READY, true));
        Tenant provisioning = cluster.get("soylent");
        assertThat(provisioning.getStatus().getPhase()).isEqualTo(TenantPhase.Provisioning);
        assertThat(condition(provisioning, TenantConditions.WORKLOAD_READY).getReason())
                .isEqualTo("DeploymentProgressing");

        cluster.markDeploymentAvailable(ns, "app");
        Tenant ready = cluster.awaitTenant("soylent", ready());

        assertThat(ready.getStatus().getPhase()).isEqualTo(TenantPhase.Ready);
        assertThat(ready.getStatus().getUrl()).isEqualTo("https://soylent.neoforge.localhost");
        assertThat(ready.getStatus().getNamespace()).isEqualTo(ns);
        assertThat(ready.getStatus().getDatabase().getSchema()).isEqualTo("tenant_soylent");
        assertThat(ready.getStatus().getDatabase().getSecretName()).isEqualTo("neoforge-db");
        assertThat(ready.getStatus().getObservedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getFirstReadyTime()).isNotNull();
        assertThat(ready.getMetadata().getFinalizers()).isNotEmpty();

        Namespace namespace = client.namespaces().withName(ns).get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("neoforge.io/tenant", "soylent")
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(namespace.getMetadata().getOwnerReferences()).isEmpty();

        var quota = client.resourceQuotas()
                .inNamespace(ns)
                .withName("neoforge-quota")
                .get();
        assertThat(quota.getSpec().getHard().get("limits.cpu").toString()).isEqualTo("2");
        assertThat(client.limitRanges()
                        .inNamespace(ns)
                        .withName("neoforge-limits")
                        .get())
                .isNotNull();

        NetworkPolicy policy = client.network()
                .networkPolicies()
                .inNamespace(ns)
                .withName("neoforge-isolation")
                .get();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress().get(0).getFrom()).hasSize(3);

        RoleBinding binding = client.rbac()
                .roleBindings()
                .inNamespace(ns)
                .withName("tenant-admins")
                .get();
        assertThat(binding.getSubjects())
                .singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("alice@soylent.example"));
        assertThat(client.rbac()
                        .roles()
                        .inNamespace(ns)
                        .withName("tenant-admin")
                        .get())
                .isNotNull();
        assertThat(client.serviceAccounts()
                        .inNamespace(ns)
                        .withName("tenant-app")
                        .get())
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName("neoforge-branding")
                        .get()
                        .getData())
                .containsEntry("primaryColor", "#ff6600");

        Deployment deployment =
                client.apps().deployments().inNamespace(ns).withName("app").get();
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation())
                .isFalse();
        assertThat(pod.getContainers()
                        .get(0)
                        .getSecurityContext()
                        .getCapabilities()
                        .getDrop())
                .containsExactly("ALL");
        assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("DATABASE_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("neoforge-db");
        });
        assertThat(deployment.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("Tenant"));

        assertThat(client.services().inNamespace(ns).withName("app").get()).isNotNull();
        HorizontalPodAutoscaler hpa = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(ns)
                .withName("app")
                .get();
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(3);
        PodDisruptionBudget pdb = client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(ns)
                .withName("app")
                .get();
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        Ingress ingress = client.network()
                .v1()
                .ingresses()
                .inNamespace(ns)
                .withName("app")
                .get();
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("soylent.neoforge.localhost");

        Map<String, String> credentials = cluster.secretData(ns, "neoforge-db");
        assertThat(credentials.get("username")).isEqualTo("tenant_soylent");
        try (Connection connection = TestPostgres.get().connectAs("tenant_soylent", credentials.get("password"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id int primary key, body text)");
            statement.execute("INSERT INTO notes VALUES (1, 'hello')");
            var rows = statement.executeQuery("SELECT current_schema(), count(*) FROM tenant_soylent.notes GROUP BY 1");
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("tenant_soylent");
        }
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("soylent");
                    assertThat(e.getReason()).isEqualTo("Provisioned");
                });
    }

    @Test
    void planChangeReappliesQuotaAndAutoscalerRange() {
        cluster.plan("bigger", 2, 6, "4");
        cluster.tenant("globex", "basic");
        cluster.markDeploymentAvailable("tenant-globex", "app");
        cluster.awaitTenant("globex", ready());

        cluster.edit("globex", t -> {
            t.getSpec().setPlan("bigger");
            return t;
        });
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            var hpa = client.autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace("tenant-globex")
                    .withName("app")
                    .get();
            assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
            var quota = client.resourceQuotas()
                    .inNamespace("tenant-globex")
                    .withName("neoforge-quota")
                    .get();
            assertThat(quota.getSpec().getHard().get("limits.cpu").toString()).isEqualTo("4");
        });

        // Changing the Plan itself re-reconciles the tenants on it.
        cluster.plan("bigger", 3, 8, "6");
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            var hpa = client.autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace("tenant-globex")
                    .withName("app")
                    .get();
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
        });
    }

    @Test
    void missingPlanIsReportedAndNothingIsCreated() {
        cluster.tenant("vandelay", "no-such-plan");
        Tenant tenant = cluster.awaitTenant("vandelay", conditionIs(TenantConditions.PLAN_RESOLVED, false));
        assertThat(condition(tenant, TenantConditions.PLAN_RESOLVED).getReason())
                .isEqualTo("PlanNotFound");
        assertThat(condition(tenant, TenantConditions.READY).getMessage()).contains("no-such-plan");
        assertThat(client.namespaces().withName("tenant-vandelay").get()).isNull();

        cluster.plan("no-such-plan", 1, 2, "1");
        cluster.awaitTenant("vandelay", conditionIs(TenantConditions.PLAN_RESOLVED, true));
    }

    @Test
    void planThatCannotBeAppliedIsReportedOnPlanAndTenantAndExistingObjectsStay() {
        cluster.plan("lopsided", 1, 2, "2");
        cluster.tenant("cyberdyne", "lopsided");
        cluster.markDeploymentAvailable("tenant-cyberdyne", "app");
        cluster.awaitTenant("cyberdyne", ready());

        client.resources(io.neoforge.api.v1alpha1.plan.Plan.class)
                .withName("lopsided")
                .edit(plan -> {
                    ContainerDefaults container = new ContainerDefaults();
                    container.setMemoryRequest("2Gi");
                    container.setMemoryLimit("1Gi");
                    plan.getSpec().setContainer(container);
                    return plan;
                });
        Tenant tenant = cluster.awaitTenant("cyberdyne", conditionIs(TenantConditions.PLAN_RESOLVED, false));
        assertThat(condition(tenant, TenantConditions.READY).getReason()).isEqualTo("PlanInvalid");
        assertThat(condition(tenant, TenantConditions.READY).getMessage())
                .contains("memoryRequest 2Gi exceeds memoryLimit 1Gi");
        assertThat(client.limitRanges()
                        .inNamespace("tenant-cyberdyne")
                        .withName("neoforge-limits")
                        .get()
                        .getSpec()
                        .getLimits()
                        .get(0)
                        .getDefault()
                        .get("memory")
                        .toString())
                .isEqualTo("512Mi");
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            var plan = client.resources(io.neoforge.api.v1alpha1.plan.Plan.class)
                    .withName("lopsided")
                    .get();
            assertThat(plan.getStatus().getTenants()).isEqualTo(1);
            assertThat(plan.getStatus().getConditions())
                    .singleElement()
                    .satisfies(c -> assertThat(c.getReason()).isEqualTo("InvalidPlan"));
        });
    }

    @Test
    void suspensionScalesToZeroAndRefusesDatabaseLoginThenResumes() throws Exception {
        cluster.tenant("umbrella", "basic");
        cluster.markDeploymentAvailable("tenant-umbrella", "app");
        cluster.awaitTenant("umbrella", ready());
        String password = cluster.secretData("tenant-umbrella", "neoforge-db").get("password");

        cluster.edit("umbrella", t -> {
            t.getSpec().setSuspended(true);
            return t;
        });
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("tenant-umbrella")
                            .withName("app")
                            .get()
                            .getSpec()
                            .getReplicas())
                    .isZero();
            assertThat(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace("tenant-umbrella")
                            .withName("app")
                            .get())
                    .isNull();
        });
        cluster.markDeploymentAvailable("tenant-umbrella", "app");
        Tenant suspended = cluster.awaitTenant(
                "umbrella",
                t -> t.getStatus().getPhase() == TenantPhase.Suspended
                        && conditionIs(TenantConditions.DATABASE_READY, true).test(t));
        assertThat(condition(suspended, TenantConditions.SUSPENDED).getStatus()).isEqualTo("True");
        assertThatThrownBy(() -> TestPostgres.get()
                        .connectAs("tenant_umbrella", password)
                        .close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));

        cluster.edit("umbrella", t -> {
            t.getSpec().setSuspended(false);
            return t;
        });
        await().atMost(Cluster.TIMEOUT)
                .untilAsserted(() -> assertThat(client.apps()
                                .deployments()
                                .inNamespace("tenant-umbrella")
                                .withName("app")
                                .get()
                                .getSpec()
                                .getReplicas())
                        .isEqualTo(1));
        cluster.markDeploymentAvailable("tenant-umbrella", "app");
        cluster.awaitTenant("umbrella", ready());
        TestPostgres.get().connectAs("tenant_umbrella", password).close();
    }

    @Test
    void tenantWithInvalidNameIsRefusedWithReason() throws SQLException {
        // The API server refuses such names through the CRD's CEL rules (see InvalidTenantTest). The operator refuses
        // them too, for a cluster whose Tenant CRD predates those rules: such a CRD is installed for this test.
        var crds = client.apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition original = crds.withName("tenants.neoforge.io").get();
        CustomResourceDefinition withoutNameRules =
                client.getKubernetesSerialization().clone(original);
        withoutNameRules
                .getSpec()
                .getVersions()
                .forEach(v -> v.getSchema()
                        .getOpenAPIV3Schema()
                        .getXKubernetesValidations()
                        .removeIf(rule -> rule.getRule().contains("metadata.name")));
        crds.resource(withoutNameRules).update();
        try {
            // a real API server takes a moment to serve the new schema
            await().atMost(Cluster.TIMEOUT)
                    .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 422)
                    .until(() -> cluster.tenant("pg-internal", "basic") != null);
            Tenant tenant = cluster.awaitTenant("pg-internal", conditionIs(TenantConditions.READY, false));
            assertThat(tenant.getStatus().getPhase()).isEqualTo(TenantPhase.Failed);
            assertThat(condition(tenant, TenantConditions.READY).getReason()).isEqualTo("InvalidName");
            assertThat(condition(tenant, TenantConditions.READY).getMessage()).contains("reserved");
            assertThat(client.namespaces().withName("tenant-pg-internal").get()).isNull();
            assertThat(roleCount("tenant_pg_internal")).isZero();
        } finally {
            // Removed while the relaxed CRD is installed: under the name rules no update of it, not even the removal
            // of its finalizer, would be admitted.
            client.resources(Tenant.class).withName("pg-internal").delete();
            await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("pg-internal") == null);
            crds.withName("tenants.neoforge.io").edit(crd -> {
                crd.setSpec(original.getSpec());
                return crd;
            });
        }
    }

    private static long roleCount(String role) throws SQLException {
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                var statement = admin.prepareStatement("SELECT count(*) FROM pg_roles WHERE rolname = ?")) {
            statement.setString(1, role);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
