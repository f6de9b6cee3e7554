package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.config.NeoforgeConfig;
import io.neoforge.operator.tenant.TenantLabels;
import jakarta.inject.Inject;

/**
 * Isolates the tenant: pods in its namespace accept traffic only from the same namespace, the
 * ingress controller and monitoring. Every tenant namespace has one, so no tenant reaches another.
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends TenantNamespacedDependent<NetworkPolicy> {
    public static final String NAME = "neoforge-isolation";
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    @Inject
    NeoforgeConfig config;

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(Tenant tenant, Context<Tenant> context) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(tenant, NAME))
                .withNewSpec()
                .withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(
                        sameNamespace(),
                        namespaceNamed(config.ingress().controllerNamespace()),
                        namespaceNamed(config.ingress().monitoringNamespace()))
                .endIngress()
                .endSpec()
                .build();
    }

    private static NetworkPolicyPeer sameNamespace() {
        return new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelector())
                .build();
    }

    private static NetworkPolicyPeer namespaceNamed(String namespace) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .addToMatchLabels(NAMESPACE_NAME_LABEL, namespace)
                        .build())
                .build();
    }
}
