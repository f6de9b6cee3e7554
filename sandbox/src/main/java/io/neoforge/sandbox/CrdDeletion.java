package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.neoforge.sandbox.ApiResources.ResourceType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the apiextensions API server does when a CRD is deleted: the CRD gets a deletionTimestamp, the finalizer
 * {@value #FINALIZER} and a {@code Terminating} condition; then its finalizing controller deletes every custom resource
 * of it (those with finalizers stay, marked for deletion, until their controllers remove them) and, once none is left,
 * removes the finalizer, which removes the CRD. The controller works asynchronously through the API, as the real one
 * does, so whatever watches the custom resources sees them deleted one by one.
 */
final class CrdDeletion {
    static final String FINALIZER = "customresourcecleanup.apiextensions.k8s.io";
    private static final Logger LOG = LoggerFactory.getLogger(CrdDeletion.class);
    private static final long POLL_MILLIS = 100;

    private final Supplier<String> serverAddress;
    private final ExecutorService finalizers;

    CrdDeletion(Supplier<String> serverAddress) {
        this.serverAddress = serverAddress;
        AtomicInteger n = new AtomicInteger();
        this.finalizers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "crd-finalizer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static boolean isCrd(ResourceType type) {
        return type.group().equals("apiextensions.k8s.io") && type.plural().equals("customresourcedefinitions");
    }

    /**
     * On DELETE of {@code crd}: the CRD to store, marked terminating, with its instances' deletion started once it is
     * stored; empty if it was already terminating.
     */
    Optional<ObjectNode> markTerminating(ObjectNode crd) {
        JsonNode meta = crd.path("metadata");
        if (meta.hasNonNull("deletionTimestamp")) {
            return Optional.empty();
        }
        ObjectNode next = crd.deepCopy();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode m = next.with("metadata");
        m.put("deletionTimestamp", now);
        ArrayNode finalizerList = m.withArray("finalizers");
        if (!contains(finalizerList, FINALIZER)) {
            finalizerList.add(FINALIZER);
        }
        ArrayNode conditions = next.with("status").withArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if ("Terminating".equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
            }
        }
        conditions
                .addObject()
                .put("type", "Terminating")
                .put("status", "True")
                .put("reason", "InstanceDeletionInProgress")
                .put("message", "CustomResource deletion is in progress")
                .put("lastTransitionTime", now);
        String name = meta.path("name").asText();
        String uid = meta.path("uid").asText();
        // runs once the caller, holding the store's write lock, has stored the terminating CRD
        finalizers.execute(() -> finalizeCrd(name, uid));
        return Optional.of(next);
    }

    private static boolean contains(ArrayNode values, String value) {
        for (JsonNode v : values) {
            if (value.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private void finalizeCrd(String name, String uid) {
        try (KubernetesClient client = client()) {
            while (true) {
                CustomResourceDefinition crd = client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(name)
                        .get();
                if (crd == null || !uid.equals(crd.getMetadata().getUid())) {
                    return;
                }
                if (deleteInstances(client, crd) == 0) {
                    client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(name)
                            .edit(c -> {
                                c.getMetadata().getFinalizers().remove(FINALIZER);
                                return c;
                            });
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Sandbox API server: could not finish deleting CRD {}: {}", name, e.toString());
        }
    }

    /** Asks to delete every instance of the CRD; returns how many were still there. */
    private static int deleteInstances(KubernetesClient client, CustomResourceDefinition crd) {
        List<GenericKubernetesResource> items = client.genericKubernetesResources(storageContext(crd))
                .inAnyNamespace()
                .list()
                .getItems();
        for (GenericKubernetesResource item : items) {
            if (item.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                var resources = client.genericKubernetesResources(storageContext(crd));
                String namespace = item.getMetadata().getNamespace();
                (namespace == null
                                ? resources.withName(item.getMetadata().getName())
                                : resources
                                        .inNamespace(namespace)
                                        .withName(item.getMetadata().getName()))
                        .delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return items.size();
    }

    private static ResourceDefinitionContext storageContext(CustomResourceDefinition crd) {
        String version = crd.getSpec().getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .map(CustomResourceDefinitionVersion::getName)
                .findFirst()
                .orElse(crd.getSpec().getVersions().get(0).getName());
        return new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup())
                .withVersion(version)
                .withPlural(crd.getSpec().getNames().getPlural())
                .withKind(crd.getSpec().getNames().getKind())
                .withNamespaced("Namespaced".equals(crd.getSpec().getScope()))
                .build();
    }

    private KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://" + serverAddress.get())
                .withHttp2Disable(true)
                .withRequestTimeout(30_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
