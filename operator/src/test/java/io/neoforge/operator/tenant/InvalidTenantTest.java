package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.tenant.DeletionPolicy;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestCluster;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input is refused by the API server (the CRDs' OpenAPI validation and CEL rules) with 422 and a message a
 * person can act on, before the operator ever sees it; defaults come from the CRD schema.
 */
@QuarkusTest
class InvalidTenantTest extends OperatorTest {

    @Test
    void theOperatorsClientTalksToTheTestsApiServer() {
        // the sandbox, or the cluster of NEOFORGE_TEST_KUBECONFIG: never whatever ~/.kube/config names
        TestCluster testCluster = SandboxApiServerResource.cluster();
        assertThat(client.getMasterUrl().toString())
                .isEqualTo(testCluster.client().getMasterUrl().toString());
        if (!testCluster.real()) {
            assertThat(client.getMasterUrl().toString())
                    .startsWith(SandboxApiServerResource.server().url());
        }
        assertThat(testCluster.client().resources(Plan.class).withName("basic").get())
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "Acme                                      | a tenant name must be a DNS label",
                "acme;drop                                 | a tenant name must be a DNS label",
                "a'b                                       | a tenant name must be a DNS label",
                "admin                                     | this tenant name is reserved",
                "kube-system                               | this tenant name is reserved",
                "neoforge-x                                | this tenant name is reserved",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | a tenant name must be 3 to 40 characters long",
            })
    void invalidTenantNameIsRefusedByTheApiServerAndNothingIsCreated(String name, String message) throws Exception {
        // The name travels in the JSON body of the POST only, so every one of them reaches the server as is.
        String json = "{\"apiVersion\":\"neoforge.io/v1alpha1\",\"kind\":\"Tenant\"," + "\"metadata\":{\"name\":"
                + quoted(name) + "},\"spec\":{\"plan\":\"basic\"}}";
        KubernetesClientException refused = catchThrowableOfType(
                KubernetesClientException.class, () -> client.resource(json).create());

        assertThat(refused).as("creating tenant %s", name).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getStatus().getReason()).isEqualTo("Invalid");
        // the name as the server received it, and the CRD's message
        assertThat(refused.getMessage())
                .contains("Tenant.neoforge.io \"" + name + "\" is invalid")
                .contains(message);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(client.resources(Tenant.class).list().getItems())
                    .noneSatisfy(t -> assertThat(t.getMetadata().getName()).isEqualTo(name));
            assertThat(client.namespaces().list().getItems())
                    .noneSatisfy(ns -> assertThat(ns.getMetadata().getName()).isEqualTo("tenant-" + name));
            // the role and schema the operator would derive (tenant_<name with - as _>)
            assertThat(tenantRoles()).doesNotContain("tenant_" + name.replace('-', '_'));
        });
    }

    @Test
    void planWithMinimumReplicasAboveMaximumIsRefusedByTheApiServer() {
        Plan plan = new Plan();
        plan.getMetadata().setName("inverted");
        plan.setSpec(new PlanSpec());
        plan.getSpec().setDisplayName("Inverted");
        plan.getSpec().setReplicas(new ReplicaRange(3, 2));

        KubernetesClientException refused = catchThrowableOfType(
                KubernetesClientException.class, () -> client.resource(plan).create());

        assertThat(refused).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getMessage())
                .contains("Plan.neoforge.io \"inverted\" is invalid")
                .contains("spec.replicas")
                .contains("replicas.min must not be greater than replicas.max");
        assertThat(client.resources(Plan.class).withName("inverted").get()).isNull();
    }

    @Test
    void aFinalizerApplyRacingADeleteCannotCreateATenantWithoutSpec() {
        // what JOSDK sends to add its finalizer; if the Tenant is already gone, an apply would create it anew
        Tenant bare = new Tenant();
        bare.getMetadata().setName("zombie-corp");
        bare.getMetadata().setFinalizers(java.util.List.of("tenants.neoforge.io/finalizer"));
        KubernetesClientException refused = catchThrowableOfType(
                KubernetesClientException.class,
                () -> client.resource(bare)
                        .fieldManager("tenant")
                        .forceConflicts()
                        .serverSideApply());
        assertThat(refused).isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getMessage()).contains("spec");
        assertThat(client.resources(Tenant.class).withName("zombie-corp").get()).isNull();
    }

    @Test
    void deletionPolicyDefaultsToRetain() {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName("initrode");
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan("basic");
        tenant.getSpec().setDeletionPolicy(null); // absent from the request: the CRD's default applies
        assertThat(client.getKubernetesSerialization().asJson(tenant)).doesNotContain("deletionPolicy");

        Tenant created = client.resource(tenant).create();

        assertThat(created.getSpec().getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
        assertThat(cluster.get("initrode").getSpec().getDeletionPolicy()).isEqualTo(DeletionPolicy.Retain);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Set<String> tenantRoles() throws SQLException {
        Set<String> roles = new TreeSet<>();
        try (Connection admin = TestPostgres.get().adminDataSource().getConnection();
                Statement statement = admin.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE 'tenant\\_%'")) {
            while (rows.next()) {
                roles.add(rows.getString(1));
            }
        }
        return roles;
    }
}
