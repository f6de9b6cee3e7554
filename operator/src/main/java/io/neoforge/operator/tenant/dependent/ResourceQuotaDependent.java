package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/** Namespace-wide quota from the plan. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class ResourceQuotaDependent extends TenantNamespacedDependent<ResourceQuota> {
    public static final String NAME = "neoforge-quota";

    public ResourceQuotaDependent() {
        super(ResourceQuota.class);
    }

    @Override
    protected ResourceQuota desired(Tenant tenant, Context<Tenant> context) {
        PlanQuota quota = plan(context).specOrEmpty().quotaOrDefaults();
        return new ResourceQuotaBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .addToHard("requests.cpu", new Quantity(quota.effectiveCpu()))
                .addToHard("limits.cpu", new Quantity(quota.effectiveCpu()))
                .addToHard("requests.memory", new Quantity(quota.effectiveMemory()))
                .addToHard("limits.memory", new Quantity(quota.effectiveMemory()))
                .addToHard("pods", new Quantity(String.valueOf(quota.effectivePods())))
                .endSpec()
                .build();
    }
}
