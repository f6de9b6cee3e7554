package io.neoforge.operator.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.plan.DatabaseEntitlement;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.testsupport.ClusterCleanup;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does to the API server: create plans and tenants, and play the controllers the API server lacks
 * (the Deployment controller marking the app available, the namespace controller emptying and removing a
 * terminating namespace). Written against real API server semantics, so it works on a real cluster too, with or
 * without those controllers. The CRDs are applied by the test resource ({@link SandboxApiServerResource}).
 */
public final class Cluster {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    /** Whether a Deployment controller runs; null: ask the running test resource. */
    private final Boolean deploymentController;

    public Cluster(KubernetesClient client) {
        this(client, null);
    }

    /** For a test that runs an API server of its own (no test resource to ask): it says whether controllers run. */
    public Cluster(KubernetesClient client, Boolean deploymentController) {
        this.client = client;
        this.deploymentController = deploymentController;
    }

    private boolean deploymentControllerRuns() {
        return deploymentController != null
                ? deploymentController
                : SandboxApiServerResource.cluster().deploymentController();
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
        return t -> t.getStatus() != null
                && StatusConditions.find(t.getStatus().getConditions(), type)
                        .map(c -> (status ? StatusConditions.TRUE : StatusConditions.FALSE).equals(c.getStatus()))
                        .orElse(false);
    }

    public static Predicate<Tenant> ready() {
        return conditionIs(TenantConditions.READY, true);
    }

    public static Condition condition(Tenant tenant, String type) {
        return StatusConditions.find(tenant.getStatus().getConditions(), type).orElseThrow();
    }

    /**
     * What the Deployment controller and kubelets do on a real cluster once the app's pods run: the Deployment reports
     * all its replicas available for its current generation. Where no Deployment controller runs (the sandbox, a bare
     * kube-apiserver) this writes that status, re-reading on a conflict with another writer; where one runs (kind) the
     * status is the controller's, which would overwrite anything written here, so this waits for the controller to
     * report the Deployment available instead (which needs app pods that really start). Either way it returns at once
     * if the Deployment already reports that.
     */
    public void markDeploymentAvailable(String namespace, String name) {
        var deployments = client.apps().deployments().inNamespace(namespace);
        if (deploymentControllerRuns()) {
            try {
                await().atMost(TIMEOUT).until(() -> deployments.withName(name).get(), d -> d != null && available(d));
            } catch (ConditionTimeoutException e) {
                Deployment d = deployments.withName(name).get();
                throw new AssertionError(
                        "The cluster's Deployment controller does not report " + namespace + "/" + name
                                + " available (status " + (d == null ? "none: no Deployment" : d.getStatus())
                                + "). The tests "
                                + "set Deployment status themselves only where no Deployment controller runs: see "
                                + "docs/development.md for a kind cluster without one.",
                        e);
            }
            return;
        }
        await().atMost(TIMEOUT)
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    Deployment deployment = deployments.withName(name).get();
                    if (deployment == null) {
                        return false;
                    }
                    if (available(deployment)) {
                        return true;
                    }
                    int replicas = wantedReplicas(deployment);
                    deployment.setStatus(new DeploymentStatusBuilder()
                            .withObservedGeneration(deployment.getMetadata().getGeneration())
                            .withReplicas(replicas)
                            .withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas)
                            .withUpdatedReplicas(replicas)
                            .withConditions(List.of(new DeploymentConditionBuilder()
                                    .withType("Available")
                                    .withStatus("True")
                                    .withReason("MinimumReplicasAvailable")
                                    .build()))
                            .build());
                    // with the resourceVersion just read: a concurrent writer makes this a 409, and the next round
                    // reads again
                    deployments.resource(deployment).updateStatus();
                    return true;
                });
    }

    /** Whether the Deployment reports every wanted replica available, Available=True, for its current generation. */
    private static boolean available(Deployment deployment) {
        var status = deployment.getStatus();
        if (status == null
                || status.getObservedGeneration() == null
                || status.getObservedGeneration() < deployment.getMetadata().getGeneration()) {
            return false;
        }
        int replicas = wantedReplicas(deployment);
        return Objects.requireNonNullElse(status.getReplicas(), 0) == replicas
                && Objects.requireNonNullElse(status.getAvailableReplicas(), 0) == replicas
                && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int wantedReplicas(Deployment deployment) {
        return deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
    }

    /**
     * Skips the calling test (a JUnit assumption) when the tests run against a real cluster
     * ({@value TestCluster#KUBECONFIG_ENV}) rather than the in-process sandbox.
     *
     * @param why what the test needs of the sandbox, for the skip message
     */
    public static void assumeSandbox(String why) {
        Assumptions.assumeFalse(
                SandboxApiServerResource.cluster().real(),
                () -> "Needs the in-process sandbox API server, so skipped against the cluster of "
                        + TestCluster.KUBECONFIG_ENV + ": " + why);
    }

    public Map<String, String> secretData(String namespace, String name) {
        var secret = await().atMost(TIMEOUT)
                .until(
                        () -> client.secrets()
                                .inNamespace(namespace)
                                .withName(name)
                                .get(),
                        s -> s != null);
        Map<String, String> decoded = new java.util.HashMap<>();
        secret.getData()
                .forEach((k, v) ->
                        decoded.put(k, new String(java.util.Base64.getDecoder().decode(v))));
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
     * is gone (or was created anew). Does nothing if the namespace is not terminating (gone, or created anew). A real
     * cluster's namespace controller may be quicker: that is fine.
     */
    public void finishNamespaceDeletion(String name) {
        ClusterCleanup.finishNamespaceDeletion(client, name, TIMEOUT);
    }
}
