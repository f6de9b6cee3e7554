package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/**
 * At most one app pod disrupted at a time. maxUnavailable rather than minAvailable, so a tenant on a
 * one-replica plan never blocks a node drain.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class DisruptionBudgetDependent extends TenantNamespacedDependent<PodDisruptionBudget> {
    public static final String NAME = "app";

    public DisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget desired(Tenant tenant, Context<Tenant> context) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(TenantLabels.appSelector(tenant))
                .endSelector()
                .endSpec()
                .build();
    }
}
