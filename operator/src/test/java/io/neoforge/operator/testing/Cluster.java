package io.neoforge.operator.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.plan.DatabaseEntitlement;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.sandbox.NamespaceContents;

/**
 * What a test does to the API server: create plans and tenants, and play the controllers the API server lacks
 * (the Deployment controller marking the app available, the namespace controller emptying and removing a
 * terminating namespace). Written against real API server semantics, so it works on a real cluster too. The CRDs
 * are applied by the test resource ({@link io.neoforge.testsupport.SandboxApiServerResource}).
 */
public final class Cluster {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    public Plan plan(String name, int minReplicas, int maxReplicas, String cpu) {
        PlanSpec spec = new PlanSpec();
        spec.setDisplayName(name);
        spec.setReplicas(new ReplicaRange(minReplicas, maxReplicas));
        spec.setQuota(new PlanQuota());
        spec.getQuota().setCpu(cpu);
        spec.setDatabase(new DatabaseEntitlement());
        spec.getDatabase().setConnectionLimit(5);
        Plan plan = new Plan();
        plan.getMetadata().setName(name);
        plan.setSpec(spec);
        return client.resource(plan).createOr(existing -> existing.update());
    }

    public Tenant tenant(String name, String plan) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan(plan);
        tenant.getSpec().setDisplayName(name.toUpperCase());
        return client.resource(tenant).create();
    }

    public Tenant get(String name) {
        return client.resources(Tenant.class).withName(name).get();
    }

    public Tenant edit(String name, java.util.function.UnaryOperator<Tenant> change) {
        return client.resources(Tenant.class).withName(name).edit(change);
    }

    public Tenant awaitTenant(String name, Predicate<Tenant> condition) {
        return await().atMost(TIMEOUT).until(() -> get(name), t -> t != null && condition.test(t));
    }

    public static Predicate<Tenant> conditionIs(String type, boolean status) {
        return t -> t.getStatus() != null && StatusConditions.find(t.getStatus().getConditions(), type)
                .map(c -> (status ? StatusConditions.TRUE : StatusConditions.FALSE).equals(c.getStatus())).orElse(false);
    }

    public static Predicate<Tenant> ready() {
        return conditionIs(TenantConditions.READY, true);
    }

    public static Condition condition(Tenant tenant, String type) {
        return StatusConditions.find(tenant.getStatus().getConditions(), type).orElseThrow();
    }

    /** What the Deployment controller and kubelets do on a real cluster once the pods run. */
    public void markDeploymentAvailable(String namespace, String name) {
        Deployment deployment = await().atMost(TIMEOUT)
                .until(() -> client.apps().deployments().inNamespace(namespace).withName(name).get(), d -> d != null);
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        deployment.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withConditions(List.of(new DeploymentConditionBuilder().withType("Available").withStatus("True")
                        .withReason("MinimumReplicasAvailable").build()))
                .build());
        client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }

    public Map<String, String> secretData(String namespace, String name) {
        var secret = await().atMost(TIMEOUT)
                .until(() -> client.secrets().inNamespace(namespace).withName(name).get(), s -> s != null);
        Map<String, String> decoded = new java.util.HashMap<>();
        secret.getData().forEach((k, v) -> decoded.put(k, new String(java.util.Base64.getDecoder().decode(v))));
        return decoded;
    }

    /**
     * Whether deletion of the namespace was requested: it is gone, or it is terminating (deletionTimestamp set). On a
     * real API server a deleted namespace stays {@code Terminating} until the namespace controller has emptied it.
     */
    public boolean namespaceDeletionRequested(String name) {
        Namespace namespace = client.namespaces().withName(name).get();
        return namespace == null || namespace.getMetadata().getDeletionTimestamp() != null;
    }

    /** Whether the namespace exists and is being deleted (deletionTimestamp set). */
    public boolean namespaceTerminating(String name) {
        Namespace namespace = client.namespaces().withName(name).get();
        return namespace != null && namespace.getMetadata().getDeletionTimestamp() != null;
    }

    /** Whether the namespace exists and is not being deleted. */
    public boolean namespaceActive(String name) {
        Namespace namespace = client.namespaces().withName(name).get();
        return namespace != null && namespace.getMetadata().getDeletionTimestamp() == null;
    }

    /**
     * What the namespace controller does with a terminating namespace: delete every namespaced object in it, then
     * remove the {@code kubernetes} finalizer through {@code /finalize}, so that the namespace is gone. Returns once it
     * is gone (or was created anew). Does nothing if the namespace is not terminating (gone, or created anew).
     */
    public void finishNamespaceDeletion(String name) {
        Namespace namespace = client.namespaces().withName(name).get();
        if (namespace == null || namespace.getMetadata().getDeletionTimestamp() == null) {
            return; // gone, or gone and created anew (a real cluster's namespace controller may have been quicker)
        }
        NamespaceContents contents = new NamespaceContents(client);
        await().atMost(TIMEOUT).until(() -> contents.deleteAll(name) == 0);
        // gone; or already created anew by someone waiting for it to be gone (the operator, for a re-created tenant).
        // Like the namespace controller, finalize again if a concurrent write made the last attempt a conflict.
        String uid = namespace.getMetadata().getUid();
        await().atMost(TIMEOUT).until(() -> {
            Namespace current = client.namespaces().withName(name).get();
            if (current == null || !uid.equals(current.getMetadata().getUid())) {
                return true;
            }
            contents.finalizeNamespace(current);
            return false;
        });
    }
}
