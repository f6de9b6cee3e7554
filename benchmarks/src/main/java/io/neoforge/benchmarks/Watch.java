package io.neoforge.benchmarks;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.sandbox.OnAddOrUpdate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmark sees from the outside, through watches of its own (straight to the API server, not counted):
 * when each Tenant first reports Ready=True, and each tenant namespace's quota CPU and HPA maximum.
 */
final class Watch implements AutoCloseable {
    final Map<String, Long> readyAt = new ConcurrentHashMap<>();
    final Map<String, String> quotaCpu = new ConcurrentHashMap<>();
    final Map<String, Integer> hpaMax = new ConcurrentHashMap<>();
    /** Namespace to the time its app Deployment first reported an available replica (the cluster simulator's work). */
    final Map<String, Long> availableAt = new ConcurrentHashMap<>();

    private final SharedIndexInformer<io.fabric8.kubernetes.api.model.apps.Deployment> deployments;
    private final Map<String, Runnable> onAvailable = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Tenant> tenants;
    private final SharedIndexInformer<ResourceQuota> quotas;
    private final SharedIndexInformer<HorizontalPodAutoscaler> hpas;

    Watch(KubernetesClient client) {
        tenants = client.resources(Tenant.class)
                .inform(
                        OnAddOrUpdate.of(t -> {
                            if (t.getStatus() != null
                                    && t.getStatus().getConditions() != null
                                    && t.getStatus().getConditions().stream()
                                            .anyMatch(
                                                    c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                                readyAt.putIfAbsent(t.getMetadata().getName(), System.nanoTime());
                            }
                        }),
                        0);
        quotas = client.resourceQuotas()
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "neoforge")
                .inform(
                        OnAddOrUpdate.of(q -> {
                            Quantity cpu = q.getSpec() == null || q.getSpec().getHard() == null
                                    ? null
                                    : q.getSpec().getHard().get("limits.cpu");
                            if (cpu != null) {
                                quotaCpu.put(q.getMetadata().getNamespace(), cpu.toString());
                            }
                        }),
                        0);
        deployments = client.apps()
                .deployments()
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "neoforge")
                .inform(
                        OnAddOrUpdate.of(d -> {
                            if (d.getStatus() != null
                                    && d.getStatus().getAvailableReplicas() != null
                                    && d.getStatus().getAvailableReplicas() > 0) {
                                if (availableAt.putIfAbsent(d.getMetadata().getNamespace(), System.nanoTime())
                                        == null) {
                                    Runnable then =
                                            onAvailable.remove(d.getMetadata().getNamespace());
                                    if (then != null) {
                                        then.run();
                                    }
                                }
                            }
                        }),
                        0);
        hpas = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inAnyNamespace()
                .withLabel("app.kubernetes.io/managed-by", "neoforge")
                .inform(
                        OnAddOrUpdate.of(h -> {
                            if (h.getSpec() != null && h.getSpec().getMaxReplicas() != null) {
                                hpaMax.put(
                                        h.getMetadata().getNamespace(),
                                        h.getSpec().getMaxReplicas());
                            }
                        }),
                        0);
    }

    /** Runs {@code then} (once) as soon as the namespace's Deployment is available, or now if it already is. */
    void whenAvailable(String namespace, Runnable then) {
        onAvailable.put(namespace, then);
        if (availableAt.containsKey(namespace)) {
            Runnable r = onAvailable.remove(namespace);
            if (r != null) {
                r.run();
            }
        }
    }

    @Override
    public void close() {
        tenants.close();
        quotas.close();
        hpas.close();
        deployments.close();
    }
}
