package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

/** Identity of the tenant's app; it needs no API access, so its token is not mounted. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class ServiceAccountDependent extends TenantNamespacedDependent<ServiceAccount> {
    public static final String NAME = "tenant-app";

    public ServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(Tenant tenant, Context<Tenant> context) {
        return new ServiceAccountBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
