package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/** Scales the app within the plan's replica range on CPU. Absent while the tenant is suspended. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class AutoscalerDependent extends TenantNamespacedDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "app";
    static final int TARGET_CPU_UTILIZATION = 70;

    public AutoscalerDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    protected HorizontalPodAutoscaler desired(Tenant tenant, Context<Tenant> context) {
        ReplicaRange range = plan(context).specOrEmpty().replicasOrDefaults();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .withNewScaleTargetRef("apps/v1", "Deployment", AppDeploymentDependent.NAME)
                .withMinReplicas(range.effectiveMin())
                .withMaxReplicas(range.effectiveMax())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(TARGET_CPU_UTILIZATION)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }
}
