package io.neoforge.sandbox;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The namespace controller's work on a terminating namespace, in steps: delete what is in it, and
 * once it is empty remove the {@code kubernetes} finalizer through {@code /finalize}. Used by the
 * {@link ClusterSimulator} and by tests that play that controller themselves.
 */
public final class NamespaceContents {
    private final KubernetesClient client;
    private final List<ResourceDefinitionContext> types;

    public NamespaceContents(KubernetesClient client) {
        this.client = client;
        this.types = namespacedTypes(client);
    }

    /** Asks to delete every object in the namespace; returns how many objects were still there. */
    public int deleteAll(String namespace) {
        int remaining = 0;
        for (ResourceDefinitionContext type : types) {
            List<GenericKubernetesResource> items;
            try {
                items = client.genericKubernetesResources(type)
                        .inNamespace(namespace)
                        .list()
                        .getItems();
            } catch (KubernetesClientException e) {
                continue;
            }
            for (GenericKubernetesResource item : items) {
                remaining++;
                if (item.getMetadata().getDeletionTimestamp() == null) {
                    try {
                        client.genericKubernetesResources(type)
                                .inNamespace(namespace)
                                .withName(item.getMetadata().getName())
                                .delete();
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        return remaining;
    }

    /** Removes the namespace's finalizers, which lets the API server delete it. */
    public void finalizeNamespace(Namespace namespace) {
        namespace.getSpec().setFinalizers(new ArrayList<>());
        client.raw(
                client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/"
                        + namespace.getMetadata().getName() + "/finalize",
                "PUT",
                client.getKubernetesSerialization().asJson(namespace));
    }

    private static List<ResourceDefinitionContext> namespacedTypes(KubernetesClient client) {
        List<String> groupVersions = new ArrayList<>();
        groupVersions.add("v1");
        client.getApiGroups()
                .getGroups()
                .forEach(g -> g.getVersions().forEach(v -> groupVersions.add(v.getGroupVersion())));
        List<ResourceDefinitionContext> types = new ArrayList<>();
        for (String gv : groupVersions) {
            APIResourceList list = client.getApiResources(gv);
            if (list == null) {
                continue;
            }
            for (APIResource r : list.getResources()) {
                if (Boolean.TRUE.equals(r.getNamespaced())
                        && !r.getName().contains("/")
                        && r.getVerbs().contains("delete")
                        && r.getVerbs().contains("list")) {
                    int slash = gv.indexOf('/');
                    types.add(new ResourceDefinitionContext.Builder()
                            .withGroup(slash < 0 ? "" : gv.substring(0, slash))
                            .withVersion(slash < 0 ? gv : gv.substring(slash + 1))
                            .withPlural(r.getName())
                            .withKind(r.getKind())
                            .withNamespaced(true)
                            .build());
                }
            }
        }
        return types;
    }
}
