package io.neoforge.operator.tenant;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Lets go of a tenant's namespaced objects: removes their owner references to the Tenant, so that Kubernetes' garbage
 * collector keeps them (the app keeps running, its Secret keeps the database password) once the Tenant is gone, and a
 * Tenant of the same name created later finds them by name.
 */
@ApplicationScoped
public class TenantOrphaning {
    /** What the tenant workflow owns in the namespace (TenantOrphaningTest keeps this in step with the workflow). */
    static final List<Class<? extends HasMetadata>> OWNED_KINDS = List.of(
            ResourceQuota.class,
            LimitRange.class,
            NetworkPolicy.class,
            ServiceAccount.class,
            Role.class,
            RoleBinding.class,
            ConfigMap.class,
            Secret.class,
            Deployment.class,
            Service.class,
            HorizontalPodAutoscaler.class,
            PodDisruptionBudget.class,
            Ingress.class);

    private static final Logger LOG = Logger.getLogger(TenantOrphaning.class);

    private final KubernetesClient client;

    public TenantOrphaning(KubernetesClient client) {
        this.client = client;
    }

    /** Returns how many objects it let go of. */
    public int orphan(Tenant tenant) {
        String uid = tenant.getMetadata().getUid();
        int orphaned = 0;
        for (Class<? extends HasMetadata> kind : OWNED_KINDS) {
            List<? extends HasMetadata> items = client.resources(kind)
                    .inNamespace(tenant.namespaceName())
                    .list()
                    .getItems();
            for (HasMetadata item : items) {
                if (item.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()))) {
                    removeOwnerReference(kind, item, uid);
                    orphaned++;
                }
            }
        }
        LOG.debugf(
                "tenant %s: %d objects in %s no longer owned by it",
                tenant.getMetadata().getName(), orphaned, tenant.namespaceName());
        return orphaned;
    }

    private <R extends HasMetadata> void removeOwnerReference(Class<R> kind, HasMetadata item, String uid) {
        try {
            client.resources(kind)
                    .inNamespace(item.getMetadata().getNamespace())
                    .withName(item.getMetadata().getName())
                    .edit(live -> {
                        live.getMetadata().getOwnerReferences().removeIf(o -> uid.equals(o.getUid()));
                        return live;
                    });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
