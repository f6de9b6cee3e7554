package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.config.NeoforgeConfig;
import io.neoforge.operator.tenant.TenantLabels;
import io.neoforge.operator.tenant.TenantUrls;
import jakarta.inject.Inject;

/** Routes {@code <name>.<base-domain>} to the app's Service. */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class IngressDependent extends TenantNamespacedDependent<Ingress> {
    public static final String NAME = "app";

    @Inject
    NeoforgeConfig config;

    @Inject
    TenantUrls urls;

    public IngressDependent() {
        super(Ingress.class);
    }

    @Override
    protected Ingress desired(Tenant tenant, Context<Tenant> context) {
        return new IngressBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .withIngressClassName(config.ingress().className().orElse(null))
                .addNewRule()
                .withHost(urls.host(tenant))
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName(AppServiceDependent.NAME)
                .withNewPort()
                .withName("http")
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }
}
