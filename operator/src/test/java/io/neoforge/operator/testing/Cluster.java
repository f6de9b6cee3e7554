package io.neoforge.operator.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.ReplicaRange;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;

/**
 * What a test does to the API server: apply the committed CRDs, create plans and tenants, and play the
 * controllers the API server lacks (the Deployment controller marking the app available).
 */
public final class Cluster {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;

    public Cluster(KubernetesClient client) {
        this.client = client;
    }

    public void applyCrds() throws IOException {
        Path crds = Path.of(System.getProperty("project.root", "..")).resolve("manifests/crds");
        try (var files = Files.list(crds)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".neoforge.io.yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(existing -> existing.update());
                }
            }
        }
    }

    public Plan plan(String name, int minReplicas, int maxReplicas, String cpu) {
        Plan plan = new Plan();
        plan.getMetadata().setName(name);
        plan.getSpec().setDisplayName(name);
        plan.getSpec().setReplicas(new ReplicaRange(minReplicas, maxReplicas));
        plan.getSpec().getQuota().setCpu(cpu);
        plan.getSpec().getDatabase().setConnectionLimit(5);
        return client.resource(plan).createOr(existing -> existing.update());
    }

    public Tenant tenant(String name, String plan) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
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
}
