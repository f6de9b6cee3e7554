package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The autoscaler owns the app's replicas: what it writes through {@code /scale} survives every reconcile, and the
 * operator's field manager owns {@code spec.replicas} only while the tenant is suspended (zero).
 */
@QuarkusTest
class AutoscalerReplicasTest extends OperatorTest {

    private static final String NAMESPACE = "tenant-massive";

    @Test
    void replicasTheAutoscalerWritesSurviveReconcilesAndSuspensionOwnsThemOnlyWhileItLasts() {
        cluster.tenant("massive", "basic");
        cluster.markDeploymentAvailable(NAMESPACE, "app");
        cluster.awaitTenant("massive", ready());
        assertThat(operatorOwnsReplicas()).isFalse();

        // what the HPA controller does: write the scale subresource
        client.apps().deployments().inNamespace(NAMESPACE).withName("app").scale(3);

        // reconciles that re-apply the Deployment: a spec change of the tenant and a plan edit
        cluster.edit("massive", t -> {
            t.getSpec().setDisplayName("Massive Dynamic");
            return t;
        });
        client.resources(Plan.class).withName("basic").edit(p -> {
            p.getSpec().setDisplayName("Basic (autoscaled)");
            return p;
        });
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
            assertThat(deployment().getSpec().getReplicas()).isEqualTo(3);
            assertThat(operatorOwnsReplicas()).isFalse();
        });

        cluster.edit("massive", t -> {
            t.getSpec().setSuspended(true);
            return t;
        });
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            assertThat(deployment().getSpec().getReplicas()).isZero();
            assertThat(operatorOwnsReplicas())
                    .as("suspension is the operator's")
                    .isTrue();
        });
        cluster.awaitTenant("massive", t -> t.getStatus().getPhase() == TenantPhase.Suspended);

        cluster.edit("massive", t -> {
            t.getSpec().setSuspended(false);
            return t;
        });
        // the operator lets go of the field: it goes back to its default and the recreated autoscaler takes over
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            assertThat(deployment().getSpec().getReplicas()).isEqualTo(1);
            assertThat(operatorOwnsReplicas()).isFalse();
            assertThat(client.autoscaling()
                            .v2()
                            .horizontalPodAutoscalers()
                            .inNamespace(NAMESPACE)
                            .withName("app")
                            .get())
                    .isNotNull();
        });
    }

    private Deployment deployment() {
        return client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName("app")
                .get();
    }

    private boolean operatorOwnsReplicas() {
        return deployment().getMetadata().getManagedFields().stream()
                .filter(e -> "tenant".equals(e.getManager()))
                .map(e -> (JsonNode) Serialization.jsonMapper().valueToTree(e.getFieldsV1()))
                .anyMatch(fields -> fields.path("f:spec").has("f:replicas"));
    }
}
