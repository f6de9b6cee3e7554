package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;
import java.util.Map;

/**
 * The tenant's namespace. Deliberately not owner-referenced: deleting the Tenant (or its CRD) must
 * never cascade into customer data through garbage collection; the finalizer deletes it instead.
 */
@KubernetesDependent(
        informer =
                @Informer(
                        labelSelector = TenantLabels.MANAGED_SELECTOR,
                        onUpdateFilter = IgnoreNamespaceActivation.class),
        createResourceOnlyIfNotExistingWithSSA = false)
public class NamespaceDependent extends KubernetesDependentResource<Namespace, Tenant>
        implements Creator<Namespace, Tenant>, Updater<Namespace, Tenant>, Deleter<Tenant> {

    static final String POD_SECURITY = "pod-security.kubernetes.io/";

    public NamespaceDependent() {
        super(Namespace.class);
    }

    @Override
    protected Namespace desired(Tenant tenant, Context<Tenant> context) {
        Map<String, String> labels = TenantLabels.of(tenant);
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            labels.put(POD_SECURITY + mode, "restricted");
            labels.put(POD_SECURITY + mode + "-version", "latest");
        }
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(tenant.namespaceName())
                .withLabels(labels)
                .endMetadata()
                .build();
    }

    /** A namespace that lost its label is adopted, not created again (see {@link Adoption}). */
    @Override
    public Namespace create(Namespace desired, Tenant tenant, Context<Tenant> context) {
        return Adoption.createOrAdopt(
                desired,
                tenant,
                context,
                () -> super.create(desired, tenant, context),
                live -> update(live, desired, tenant, context));
    }

    @Override
    protected boolean addOwnerReference() {
        return false;
    }
}
