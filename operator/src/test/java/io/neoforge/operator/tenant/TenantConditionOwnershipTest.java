package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.condition;
import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * status.conditions is a list map keyed by type, so two field managers can each own conditions of the same Tenant
 * through server-side apply on /status: another controller (here "billing") owns its BillingReady, the operator owns
 * its own types, and the operator's status writes neither remove nor take over the other's condition.
 */
@QuarkusTest
class TenantConditionOwnershipTest extends OperatorTest {
    private static final String TENANT = "ledger";
    private static final String BILLING = "billing";
    private static final String OPERATOR = "tenant";
    private static final String BILLING_READY = "BillingReady";

    @Test
    void anotherControllersConditionSurvivesTheOperatorsStatusWritesAndStaysItsOwn() {
        cluster.tenant(TENANT, "basic");
        cluster.markDeploymentAvailable("tenant-" + TENANT, "app");
        cluster.awaitTenant(TENANT, ready());

        billingApplies(true, "PaymentsCurrent", "The last invoice is paid.");
        Tenant both = cluster.get(TENANT);
        assertThat(condition(both, BILLING_READY).getReason()).isEqualTo("PaymentsCurrent");
        assertThat(condition(both, TenantConditions.READY).getStatus()).isEqualTo("True");

        // The operator writes its status again: Suspended, Ready=False.
        cluster.edit(TENANT, t -> {
            t.getSpec().setSuspended(true);
            return t;
        });
        Tenant suspended = cluster.awaitTenant(
                TENANT,
                t -> t.getStatus().getPhase() == TenantPhase.Suspended
                        && "False".equals(condition(t, TenantConditions.READY).getStatus()));
        assertThat(condition(suspended, BILLING_READY).getStatus())
                .as("billing's condition kept")
                .isEqualTo("True");
        assertThat(condition(suspended, BILLING_READY).getReason()).isEqualTo("PaymentsCurrent");
        assertOwnership();

        // Billing changes its condition without force: no conflict, since the operator owns none of its fields.
        billingApplies(false, "PaymentFailed", "The last invoice could not be charged.");
        cluster.edit(TENANT, t -> {
            t.getSpec().setSuspended(false);
            return t;
        });
        await().atMost(Cluster.TIMEOUT)
                .until(
                        () -> client.apps()
                                .deployments()
                                .inNamespace("tenant-" + TENANT)
                                .withName("app")
                                .get()
                                .getSpec()
                                .getReplicas(),
                        replicas -> replicas != null && replicas == 1);
        cluster.markDeploymentAvailable("tenant-" + TENANT, "app");
        Tenant resumed = cluster.awaitTenant(TENANT, ready());
        assertThat(condition(resumed, BILLING_READY).getStatus()).isEqualTo("False");
        assertThat(condition(resumed, BILLING_READY).getReason()).isEqualTo("PaymentFailed");
        assertThat(resumed.getStatus().getConditions())
                .extracting(Condition::getType)
                .as("one condition per type")
                .doesNotHaveDuplicates();
        assertOwnership();

        client.resources(Tenant.class).withName(TENANT).delete();
        await().atMost(Cluster.TIMEOUT).until(() -> cluster.get(TENANT) == null);
        cluster.finishNamespaceDeletion("tenant-" + TENANT);
    }

    /** Billing's apply of its one condition; no force, so a field the operator owned would answer 409. */
    private void billingApplies(boolean status, String reason, String message) {
        Map<String, Object> condition = Map.of(
                "type",
                BILLING_READY,
                "status",
                status ? "True" : "False",
                "reason",
                reason,
                "message",
                message,
                "lastTransitionTime",
                Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"),
                "observedGeneration",
                cluster.get(TENANT).getMetadata().getGeneration());
        GenericKubernetesResource apply = new GenericKubernetesResource();
        apply.setApiVersion("neoforge.io/v1alpha1");
        apply.setKind("Tenant");
        apply.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(TENANT)
                .build());
        apply.setAdditionalProperty("status", Map.of("conditions", List.of(condition)));
        client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .resource(apply)
                .subresource("status")
                .patch(new PatchContext.Builder()
                        .withPatchType(PatchType.SERVER_SIDE_APPLY)
                        .withFieldManager(BILLING)
                        .withForce(false)
                        .build());
    }

    private void assertOwnership() {
        List<ManagedFieldsEntry> entries = cluster.get(TENANT).getMetadata().getManagedFields();
        assertThat(conditionKeys(entries, BILLING))
                .as("billing owns exactly its condition")
                .containsExactly("k:{\"type\":\"" + BILLING_READY + "\"}");
        assertThat(conditionKeys(entries, OPERATOR))
                .as("the operator owns its own conditions only")
                .contains("k:{\"type\":\"Ready\"}", "k:{\"type\":\"Suspended\"}")
                .doesNotContain("k:{\"type\":\"" + BILLING_READY + "\"}");
    }

    /** The keys under f:status/f:conditions in the manager's entries for the status subresource. */
    private static List<String> conditionKeys(List<ManagedFieldsEntry> entries, String manager) {
        List<String> keys = new ArrayList<>();
        for (ManagedFieldsEntry entry : entries) {
            if (manager.equals(entry.getManager()) && "status".equals(entry.getSubresource())) {
                JsonNode conditions = Serialization.jsonMapper()
                        .valueToTree(entry.getFieldsV1())
                        .path("f:status")
                        .path("f:conditions");
                StreamSupport.stream(((Iterable<String>) conditions::fieldNames).spliterator(), false)
                        .filter(key -> key.startsWith("k:"))
                        .forEach(keys::add);
            }
        }
        return keys;
    }
}
