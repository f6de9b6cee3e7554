package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.tenant.TenantLabels;

@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class AppServiceDependent extends TenantNamespacedDependent<Service> {
    public static final String NAME = "app";
    public static final int PORT = 80;

    public AppServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(Tenant tenant, Context<Tenant> context) {
        return new ServiceBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(TenantLabels.appSelector(tenant))
                .addNewPort()
                .withName("http")
                .withPort(PORT)
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
