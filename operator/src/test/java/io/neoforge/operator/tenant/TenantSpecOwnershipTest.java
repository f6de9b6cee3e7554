package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator never writes a Tenant's spec: a tenant applied with every spec field set keeps exactly what the user
 * wrote once the operator has provisioned it (finalizer and status added), the operator's field manager owns no
 * spec field, and the user's own server-side apply of the same file afterwards succeeds without conflicts — as a
 * GitOps tool syncing with server-side apply would do.
 */
@QuarkusTest
class TenantSpecOwnershipTest extends OperatorTest {

    private static final String USER = "kubectl";
    private static final String OPERATOR = "tenant";

    private static final String EVERY_FIELD = """
            apiVersion: neoforge.io/v1alpha1
            kind: Tenant
            metadata:
              name: vandelay
            spec:
              plan: basic
              displayName: Vandelay
              admins:
              - kind: User
                name: bill.lumbergh@vandelay.example
              - kind: Group
                name: vandelay-ops
              deletionPolicy: Delete
              deletionProtection: true
              suspended: false
              workload:
                image: ghcr.io/neoforge/tenant-app:1.4.2
                port: 9090
                env:
                - name: LOG_LEVEL
                  value: debug
                - name: TZ
                  value: America/Chicago
              features:
                export: csv
              branding:
                primaryColor: "#336699"
                logoUrl: https://vandelay.example/logo.svg
                supportEmail: help@vandelay.example
            """;

    private static final String SUSPENDED = """
            apiVersion: neoforge.io/v1alpha1
            kind: Tenant
            metadata:
              name: chotchkies
            spec:
              plan: basic
              displayName: Chotchkie's
              admins:
              - name: stan@chotchkies.example
              deletionPolicy: Retain
              deletionProtection: false
              suspended: true
              workload:
                env:
                - name: FLAIR
                  value: "37"
            """;

    @Test
    void aFullySpecifiedTenantKeepsItsSpecAndTheUsersReapplyDoesNotConflict() {
        JsonNode applied = userApplies(EVERY_FIELD);
        cluster.markDeploymentAvailable("tenant-vandelay", "app");
        Tenant provisioned = cluster.awaitTenant("vandelay", ready());

        assertThat(provisioned.getMetadata().getFinalizers()).isNotEmpty();
        assertSpecUntouched("vandelay", applied);

        GenericKubernetesResource again = reapply(EVERY_FIELD);
        assertThat(again.getMetadata().getResourceVersion())
                .as("re-applying the same file changes nothing")
                .isEqualTo(tenant("vandelay").get().getMetadata().getResourceVersion());

        liftProtectionAndDelete("vandelay");
    }

    @Test
    void aSuspendedTenantStaysSuspendedAsWritten() {
        JsonNode applied = userApplies(SUSPENDED);
        Tenant suspended = cluster.awaitTenant(
                "chotchkies", t -> t.getStatus() != null && t.getStatus().getPhase() == TenantPhase.Suspended);
        assertThat(suspended.getSpec().isSuspended()).isTrue();
        assertSpecUntouched("chotchkies", applied);
        reapply(SUSPENDED);

        client.resources(Tenant.class).withName("chotchkies").delete();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get("chotchkies") == null);
        cluster.finishNamespaceDeletion("tenant-chotchkies");
    }

    private JsonNode userApplies(String yaml) {
        GenericKubernetesResource created =
                tenantResource(yaml).fieldManager(USER).serverSideApply();
        JsonNode spec = Serialization.jsonMapper()
                .valueToTree(created.getAdditionalProperties().get("spec"));
        JsonNode file = Serialization.jsonMapper()
                .valueToTree(load(yaml).getAdditionalProperties().get("spec"));
        assertContains(spec, file, "spec");
        return spec;
    }

    /** Every value of the file is stored as written (the API server may add the schema's defaults beside them). */
    private static void assertContains(JsonNode stored, JsonNode written, String path) {
        if (written.isObject()) {
            written.fields()
                    .forEachRemaining(
                            e -> assertContains(stored.path(e.getKey()), e.getValue(), path + "." + e.getKey()));
        } else if (written.isArray()) {
            assertThat(stored.size()).as(path).isEqualTo(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertContains(stored.get(i), written.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(stored).as(path).isEqualTo(written);
        }
    }

    private void assertSpecUntouched(String name, JsonNode applied) {
        // some reconciliations later, status and finalizer are the operator's; the spec is still the user's
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            GenericKubernetesResource live = tenant(name).get();
            assertThat(live.getAdditionalProperties()).containsKey("status");
            JsonNode spec = Serialization.jsonMapper()
                    .valueToTree(live.getAdditionalProperties().get("spec"));
            assertThat(spec).isEqualTo(applied);
            List<ManagedFieldsEntry> operatorEntries = live.getMetadata().getManagedFields().stream()
                    .filter(e -> OPERATOR.equals(e.getManager()))
                    .toList();
            assertThat(operatorEntries).isNotEmpty();
            for (ManagedFieldsEntry e : operatorEntries) {
                JsonNode fields = Serialization.jsonMapper().valueToTree(e.getFieldsV1());
                assertThat(fields.has("f:spec"))
                        .as("operator entry %s owns no spec field: %s", e.getOperation(), fields)
                        .isFalse();
            }
            List<ManagedFieldsEntry> userEntries = live.getMetadata().getManagedFields().stream()
                    .filter(e -> USER.equals(e.getManager()))
                    .toList();
            assertThat(userEntries)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getOperation()).isEqualTo("Apply"));
        });
    }

    private GenericKubernetesResource reapply(String yaml) {
        // no force: a conflict with the operator would fail here with 409
        return tenantResource(yaml).fieldManager(USER).serverSideApply();
    }

    private void liftProtectionAndDelete(String name) {
        tenantResource(EVERY_FIELD.replace("deletionProtection: true", "deletionProtection: false"))
                .fieldManager(USER)
                .serverSideApply();
        client.resources(Tenant.class).withName(name).delete();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get(name) == null);
        cluster.finishNamespaceDeletion("tenant-" + name);
    }

    private Resource<GenericKubernetesResource> tenantResource(String yaml) {
        return client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .resource(load(yaml));
    }

    private Resource<GenericKubernetesResource> tenant(String name) {
        return client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .withName(name);
    }

    private static GenericKubernetesResource load(String yaml) {
        return Serialization.unmarshal(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), GenericKubernetesResource.class);
    }
}
