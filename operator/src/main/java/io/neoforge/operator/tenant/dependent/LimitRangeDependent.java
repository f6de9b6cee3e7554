package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/** Default requests and limits for containers that set none, so the quota never blocks them. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class LimitRangeDependent extends TenantNamespacedDependent<LimitRange> {
    public static final String NAME = "neoforge-limits";

    public LimitRangeDependent() {
        super(LimitRange.class);
    }

    @Override
    protected LimitRange desired(Tenant tenant, Context<Tenant> context) {
        ContainerDefaults container = plan(context).specOrEmpty().containerOrDefaults();
        return new LimitRangeBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .addToDefault("cpu", new Quantity(container.effectiveCpuLimit()))
                .addToDefault("memory", new Quantity(container.effectiveMemoryLimit()))
                .addToDefaultRequest("cpu", new Quantity(container.effectiveCpuRequest()))
                .addToDefaultRequest("memory", new Quantity(container.effectiveMemoryRequest()))
                .endLimit()
                .endSpec()
                .build();
    }
}
