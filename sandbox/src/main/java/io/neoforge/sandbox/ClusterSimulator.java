package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the controllers (and kubelets) a real cluster would run, as kwok does, for objects the operator creates:
 * <ul>
 * <li>Deployments labelled {@code app.kubernetes.io/managed-by=neoforge} in namespaces labelled
 * {@code neoforge.io/tenant}: after {@link #delay}, status as the Deployment controller would report it once all
 * pods are ready (observedGeneration, replicas = ready = available = updated = spec.replicas, conditions
 * Available=True and Progressing=True; spec.replicas 0 gives zero counts);</li>
 * <li>Namespaces: {@code status.phase=Active} when missing; a namespace with a deletionTimestamp is emptied (every
 * namespaced object in it is deleted; objects with finalizers are waited for) and then removed, as the namespace
 * controller does;</li>
 * <li>Ingresses labelled {@code app.kubernetes.io/managed-by=neoforge}: {@code status.loadBalancer.ingress[0].ip =
 * 127.0.0.1}.</li>
 * </ul>
 * Works against any API server (the sandbox's or a real one without controllers), through the given client only.
 */
public class ClusterSimulator implements AutoCloseable {

    public static final String TENANT_NAMESPACE_LABEL = "neoforge.io/tenant";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "neoforge";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulator.class);
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final int WORKERS = 4;

    private final KubernetesClient client;
    private volatile Duration delay;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<Ingress> ingresses;
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;

    public ClusterSimulator(KubernetesClient client) {
        this(client, Duration.ofMillis(200));
    }

    public ClusterSimulator(KubernetesClient client, Duration delay) {
        this.client = Objects.requireNonNull(client);
        this.delay = Objects.requireNonNull(delay);
    }

    /** How long a Deployment takes to become available, and the retry interval of namespace termination. */
    public ClusterSimulator withDelay(Duration delay) {
        this.delay = Objects.requireNonNull(delay);
        return this;
    }

    public Duration delay() {
        return delay;
    }

    public synchronized ClusterSimulator start() {
        if (executor != null) {
            return this;
        }
        // a few workers, as kube-controller-manager runs several per controller: one thread fell behind a burst of
        // thousands of tenants and held every Deployment back
        AtomicInteger workers = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "neoforge-cluster-simulator-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // like a controller, read from the informers' caches and write through the API; the handlers go in before the
        // informers run, so no task can see a cache that is not assigned yet
        namespaces = client.namespaces().runnableInformer(0);
        namespaces.addEventHandler(OnAddOrUpdate.of(ns -> schedule(
                Duration.ZERO, () -> reconcileNamespace(ns.getMetadata().getName()))));
        deployments = client.apps()
                .deployments()
                .inAnyNamespace()
                .withLabel(MANAGED_BY_LABEL, MANAGED_BY_VALUE)
                .runnableInformer(0);
        deployments.addEventHandler(OnAddOrUpdate.of(d -> schedule(
                delay,
                () -> reconcileDeployment(
                        d.getMetadata().getNamespace(), d.getMetadata().getName()))));
        ingresses = client.network()
                .v1()
                .ingresses()
                .inAnyNamespace()
                .withLabel(MANAGED_BY_LABEL, MANAGED_BY_VALUE)
                .runnableInformer(0);
        ingresses.addEventHandler(OnAddOrUpdate.of(i -> schedule(
                Duration.ZERO,
                () -> reconcileIngress(
                        i.getMetadata().getNamespace(), i.getMetadata().getName()))));
        informers.addAll(List.of(namespaces, deployments, ingresses));
        informers.forEach(SharedIndexInformer::run);
        return this;
    }

    private void schedule(Duration after, Runnable task) {
        ScheduledExecutorService ex = executor;
        if (ex == null || ex.isShutdown()) {
            return;
        }
        try {
            ex.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (KubernetesClientException e) {
                            if (e.getCode() == 409) {
                                schedule(delay, task); // someone else wrote in between: try again
                            } else if (e.getCode() != 404) {
                                LOG.debug("cluster simulator: {}", e.getMessage());
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("cluster simulator failed", e);
                        }
                    },
                    after.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    // ------------------------------------------------------------------ Deployments

    void reconcileDeployment(String namespace, String name) {
        Deployment d = deployments.getStore().getByKey(namespace + "/" + name);
        if (d == null || d.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Namespace ns = namespaces.getStore().getByKey(namespace);
        if (ns == null
                || ns.getMetadata().getLabels() == null
                || !ns.getMetadata().getLabels().containsKey(TENANT_NAMESPACE_LABEL)) {
            return;
        }
        int replicas = d.getSpec() == null || d.getSpec().getReplicas() == null
                ? 1
                : d.getSpec().getReplicas();
        long generation =
                d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        JsonNode current = JSON.valueToTree(d.getStatus() == null ? Map.of() : d.getStatus());
        ObjectNode status = JSON.createObjectNode();
        status.put("observedGeneration", generation)
                .put("replicas", replicas)
                .put("updatedReplicas", replicas)
                .put("readyReplicas", replicas)
                .put("availableReplicas", replicas);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ArrayNode conditions = status.putArray("conditions");
        conditions.add(condition(
                current, "Available", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        conditions.add(condition(
                current,
                "Progressing",
                "NewReplicaSetAvailable",
                "ReplicaSet \"" + name + "\" has successfully progressed.",
                now));
        if (sameStatus(current, status)) {
            return;
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.set("status", status);
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .subresource("status")
                .patch(MERGE, patch.toString());
    }

    private static ObjectNode condition(
            JsonNode currentStatus, String type, String reason, String message, String now) {
        ObjectNode c = JSON.createObjectNode()
                .put("type", type)
                .put("status", "True")
                .put("reason", reason)
                .put("message", message)
                .put("lastUpdateTime", now)
                .put("lastTransitionTime", now);
        for (JsonNode existing : currentStatus.path("conditions")) {
            if (type.equals(existing.path("type").asText())
                    && "True".equals(existing.path("status").asText())) {
                c.put("lastTransitionTime", existing.path("lastTransitionTime").asText(now));
                c.put("lastUpdateTime", existing.path("lastUpdateTime").asText(now));
            }
        }
        return c;
    }

    private static boolean sameStatus(JsonNode current, ObjectNode desired) {
        for (String f :
                List.of("observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
            if (current.path(f).asLong(-1) != desired.path(f).asLong(-2)) {
                return false;
            }
        }
        for (JsonNode want : desired.path("conditions")) {
            boolean found = false;
            for (JsonNode have : current.path("conditions")) {
                found |= want.path("type").equals(have.path("type"))
                        && want.path("status").equals(have.path("status"))
                        && want.path("reason").equals(have.path("reason"));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ Ingresses

    void reconcileIngress(String namespace, String name) {
        Ingress ing = ingresses.getStore().getByKey(namespace + "/" + name);
        if (ing == null || ing.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        JsonNode status = JSON.valueToTree(ing.getStatus() == null ? Map.of() : ing.getStatus());
        if (status.path("loadBalancer")
                .path("ingress")
                .path(0)
                .path("ip")
                .asText("")
                .equals("127.0.0.1")) {
            return;
        }
        client.network()
                .v1()
                .ingresses()
                .inNamespace(namespace)
                .withName(name)
                .subresource("status")
                .patch(MERGE, "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"127.0.0.1\"}]}}}");
    }

    // ------------------------------------------------------------------ Namespaces

    void reconcileNamespace(String name) {
        Namespace ns = namespaces.getStore().getByKey(name);
        if (ns == null) {
            terminating.remove(name);
            return;
        }
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            if (terminating.add(name)) {
                schedule(Duration.ZERO, () -> terminate(name));
            }
            return;
        }
        if (ns.getStatus() == null || ns.getStatus().getPhase() == null) {
            client.namespaces()
                    .withName(name)
                    .subresource("status")
                    .patch(MERGE, "{\"status\":{\"phase\":\"Active\"}}");
        }
        // a namespace that just got its tenant label may hold deployments that were waiting for it
        if (ns.getMetadata().getLabels() != null && ns.getMetadata().getLabels().containsKey(TENANT_NAMESPACE_LABEL)) {
            for (Deployment d : deployments.getIndexer().byIndex(Cache.NAMESPACE_INDEX, name)) {
                schedule(delay, () -> reconcileDeployment(name, d.getMetadata().getName()));
            }
        }
    }

    /** The namespace controller: delete everything in it, wait for finalizers, then remove the namespace. */
    void terminate(String name) {
        Namespace ns = client.namespaces().withName(name).get();
        if (ns == null) {
            terminating.remove(name);
            return;
        }
        if (new NamespaceContents(client).deleteAll(name) > 0) {
            // deleted now (next pass sees none) or waiting for finalizers
            schedule(delay.isZero() ? Duration.ofMillis(50) : delay, () -> terminate(name));
            return;
        }
        new NamespaceContents(client).finalizeNamespace(ns);
        terminating.remove(name);
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
