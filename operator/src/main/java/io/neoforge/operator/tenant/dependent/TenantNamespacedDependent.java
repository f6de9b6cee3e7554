package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantContext;
import io.neoforge.operator.tenant.TenantLabels;

/**
 * Base of the dependents that live in the tenant's namespace: owner-referenced to the Tenant and
 * labelled so the informers see only NeoForge's objects. One that exists without the label is
 * adopted, not created again (see {@link Adoption}).
 */
abstract class TenantNamespacedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Tenant> {

    protected TenantNamespacedDependent(Class<R> resourceType) {
        super(resourceType);
    }

    @Override
    public R create(R desired, Tenant tenant, Context<Tenant> context) {
        return Adoption.createOrAdopt(desired, tenant, context, () -> super.create(desired, tenant, context), live -> {
            live.addOwnerReference(tenant); // a plain update keeps the live owner references
            return update(live, desired, tenant, context);
        });
    }

    protected static ObjectMeta metadata(Tenant tenant, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.namespaceName())
                .withLabels(TenantLabels.of(tenant))
                .build();
    }

    protected static Plan plan(Context<Tenant> context) {
        return TenantContext.plan(context);
    }
}
