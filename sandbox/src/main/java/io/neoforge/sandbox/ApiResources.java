package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource types the sandbox API server serves: a fixed set of built-ins plus every registered CRD. */
final class ApiResources {

    record PrinterColumn(String name, String type, String format, String description, int priority, String jsonPath) {}

    record ResourceType(
            String group,
            String version,
            String plural,
            String singular,
            String kind,
            boolean namespaced,
            List<String> shortNames,
            List<String> categories,
            boolean statusSubresource,
            boolean scaleSubresource,
            List<PrinterColumn> columns,
            CustomResourceDefinition crd) {

        boolean builtin() {
            return crd == null;
        }

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /** {@code tenants.neoforge.io} / {@code deployments.apps} / {@code secrets}, as the API server names resources. */
        String qualifiedPlural() {
            return group.isEmpty() ? plural : plural + "." + group;
        }

        /** {@code Tenant.neoforge.io}, as validation messages name kinds. */
        String qualifiedKind() {
            return group.isEmpty() ? kind : kind + "." + group;
        }
    }

    static final String AGE_PATH = ".metadata.creationTimestamp";
    private static final PrinterColumn AGE = new PrinterColumn(
            "Age",
            "date",
            "",
            "CreationTimestamp is a timestamp " + "representing the server time when this object was created.",
            0,
            AGE_PATH);
    private static final List<String> ALL = List.of("all");

    static final List<ResourceType> BUILTINS = List.of(
            builtin(
                    "",
                    "v1",
                    "namespaces",
                    "Namespace",
                    false,
                    true,
                    List.of("ns"),
                    List.of(),
                    col("Status", "string", ".status.phase")),
            builtin("", "v1", "secrets", "Secret", true, false, List.of(), List.of(), col("Type", "string", ".type")),
            builtin("", "v1", "configmaps", "ConfigMap", true, false, List.of("cm"), List.of()),
            builtin(
                    "",
                    "v1",
                    "services",
                    "Service",
                    true,
                    true,
                    List.of("svc"),
                    ALL,
                    col("Type", "string", ".spec.type"),
                    col("Cluster-IP", "string", ".spec.clusterIP")),
            builtin("", "v1", "serviceaccounts", "ServiceAccount", true, false, List.of("sa"), List.of()),
            builtin("", "v1", "resourcequotas", "ResourceQuota", true, true, List.of("quota"), List.of()),
            builtin("", "v1", "limitranges", "LimitRange", true, false, List.of("limits"), List.of()),
            builtin(
                    "",
                    "v1",
                    "events",
                    "Event",
                    true,
                    false,
                    List.of("ev"),
                    List.of(),
                    col("Type", "string", ".type"),
                    col("Reason", "string", ".reason"),
                    col("Object", "string", ".involvedObject.name"),
                    col("Message", "string", ".message")),
            builtin("", "v1", "pods", "Pod", true, true, List.of("po"), ALL, col("Status", "string", ".status.phase")),
            builtin("", "v1", "endpoints", "Endpoints", true, false, List.of("ep"), List.of()),
            builtin(
                    "",
                    "v1",
                    "persistentvolumeclaims",
                    "PersistentVolumeClaim",
                    true,
                    true,
                    List.of("pvc"),
                    List.of(),
                    col("Status", "string", ".status.phase")),
            builtin("", "v1", "nodes", "Node", false, true, List.of("no"), List.of()),
            builtin(
                    "apps",
                    "v1",
                    "deployments",
                    "Deployment",
                    true,
                    true,
                    List.of("deploy"),
                    ALL,
                    col("Desired", "integer", ".spec.replicas"),
                    col("Ready", "integer", ".status.readyReplicas"),
                    col("Available", "integer", ".status.availableReplicas")),
            builtin("apps", "v1", "replicasets", "ReplicaSet", true, true, List.of("rs"), ALL),
            builtin("apps", "v1", "statefulsets", "StatefulSet", true, true, List.of("sts"), ALL),
            builtin("apps", "v1", "daemonsets", "DaemonSet", true, true, List.of("ds"), ALL),
            builtin("events.k8s.io", "v1", "events", "Event", true, false, List.of("ev"), List.of()),
            builtin(
                    "autoscaling",
                    "v2",
                    "horizontalpodautoscalers",
                    "HorizontalPodAutoscaler",
                    true,
                    true,
                    List.of("hpa"),
                    ALL,
                    col("MinPods", "integer", ".spec.minReplicas"),
                    col("MaxPods", "integer", ".spec.maxReplicas"),
                    col("Replicas", "integer", ".status.currentReplicas")),
            builtin("batch", "v1", "jobs", "Job", true, true, List.of(), ALL),
            builtin("batch", "v1", "cronjobs", "CronJob", true, true, List.of("cj"), ALL),
            builtin(
                    "policy",
                    "v1",
                    "poddisruptionbudgets",
                    "PodDisruptionBudget",
                    true,
                    true,
                    List.of("pdb"),
                    List.of(),
                    col("Min Available", "string", ".spec.minAvailable"),
                    col("Max Unavailable", "string", ".spec.maxUnavailable")),
            builtin(
                    "networking.k8s.io",
                    "v1",
                    "networkpolicies",
                    "NetworkPolicy",
                    true,
                    false,
                    List.of("netpol"),
                    List.of()),
            builtin(
                    "networking.k8s.io",
                    "v1",
                    "ingresses",
                    "Ingress",
                    true,
                    true,
                    List.of("ing"),
                    List.of(),
                    col("Class", "string", ".spec.ingressClassName"),
                    col("Hosts", "string", ".spec.rules[*].host"),
                    col("Address", "string", ".status.loadBalancer.ingress[0].ip")),
            builtin("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, false, List.of(), List.of()),
            builtin("rbac.authorization.k8s.io", "v1", "roles", "Role", true, false, List.of(), List.of()),
            builtin(
                    "rbac.authorization.k8s.io",
                    "v1",
                    "rolebindings",
                    "RoleBinding",
                    true,
                    false,
                    List.of(),
                    List.of()),
            builtin(
                    "rbac.authorization.k8s.io",
                    "v1",
                    "clusterroles",
                    "ClusterRole",
                    false,
                    false,
                    List.of(),
                    List.of()),
            builtin(
                    "rbac.authorization.k8s.io",
                    "v1",
                    "clusterrolebindings",
                    "ClusterRoleBinding",
                    false,
                    false,
                    List.of(),
                    List.of()),
            builtin(
                    "apiextensions.k8s.io",
                    "v1",
                    "customresourcedefinitions",
                    "CustomResourceDefinition",
                    false,
                    true,
                    List.of("crd", "crds"),
                    List.of()),
            builtin("coordination.k8s.io", "v1", "leases", "Lease", true, false, List.of(), List.of()));

    private static PrinterColumn col(String name, String type, String path) {
        return new PrinterColumn(name, type, "", "", 0, path);
    }

    private static ResourceType builtin(
            String group,
            String version,
            String plural,
            String kind,
            boolean namespaced,
            boolean status,
            List<String> shortNames,
            List<String> categories,
            PrinterColumn... extra) {
        List<PrinterColumn> columns = new ArrayList<>(List.of(extra));
        columns.add(AGE);
        return new ResourceType(
                group,
                version,
                plural,
                kind.toLowerCase(),
                kind,
                namespaced,
                shortNames,
                categories,
                status,
                plural.equals("deployments") || plural.equals("replicasets") || plural.equals("statefulsets"),
                columns,
                null);
    }

    static List<ResourceType> fromCrd(CustomResourceDefinition crd) {
        List<ResourceType> types = new ArrayList<>();
        if (crd.getSpec() == null
                || crd.getSpec().getNames() == null
                || crd.getSpec().getVersions() == null) {
            return types;
        }
        var names = crd.getSpec().getNames();
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (Boolean.FALSE.equals(v.getServed())) {
                continue;
            }
            List<PrinterColumn> columns = new ArrayList<>();
            if (v.getAdditionalPrinterColumns() == null
                    || v.getAdditionalPrinterColumns().isEmpty()) {
                columns.add(AGE);
            } else {
                for (CustomResourceColumnDefinition c : v.getAdditionalPrinterColumns()) {
                    columns.add(new PrinterColumn(
                            c.getName(),
                            c.getType(),
                            c.getFormat() == null ? "" : c.getFormat(),
                            c.getDescription() == null ? "" : c.getDescription(),
                            c.getPriority() == null ? 0 : c.getPriority(),
                            c.getJsonPath()));
                }
            }
            var sub = v.getSubresources();
            types.add(new ResourceType(
                    crd.getSpec().getGroup(),
                    v.getName(),
                    names.getPlural(),
                    names.getSingular() == null ? names.getKind().toLowerCase() : names.getSingular(),
                    names.getKind(),
                    !"Cluster".equals(crd.getSpec().getScope()),
                    orEmpty(names.getShortNames()),
                    orEmpty(names.getCategories()),
                    sub != null && sub.getStatus() != null,
                    sub != null && sub.getScale() != null,
                    columns,
                    crd));
        }
        return types;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    // ---------------------------------------------------------------- discovery documents

    static ObjectNode apiVersions(ObjectMapper m, String serverAddress) {
        ObjectNode root = m.createObjectNode().put("kind", "APIVersions");
        root.putArray("versions").add("v1");
        root.putArray("serverAddressByClientCIDRs")
                .addObject()
                .put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return root;
    }

    /** group name -> versions in preference order. */
    static Map<String, List<String>> groups(List<ResourceType> types) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType t : types) {
            if (t.group().isEmpty()) {
                continue;
            }
            List<String> versions = groups.computeIfAbsent(t.group(), g -> new ArrayList<>());
            if (!versions.contains(t.version())) {
                versions.add(t.version());
            }
        }
        return groups;
    }

    static ObjectNode apiGroup(ObjectMapper m, String group, List<String> versions, List<ResourceType> types) {
        ObjectNode g = m.createObjectNode()
                .put("kind", "APIGroup")
                .put("apiVersion", "v1")
                .put("name", group);
        ArrayNode vs = g.putArray("versions");
        for (String v : versions) {
            vs.addObject().put("groupVersion", group + "/" + v).put("version", v);
        }
        String preferred = preferredVersion(group, versions, types);
        g.putObject("preferredVersion")
                .put("groupVersion", group + "/" + preferred)
                .put("version", preferred);
        return g;
    }

    private static String preferredVersion(String group, List<String> versions, List<ResourceType> types) {
        for (ResourceType t : types) {
            if (t.group().equals(group) && t.crd() != null) {
                Optional<String> storage = t.crd().getSpec().getVersions().stream()
                        .filter(v -> Boolean.TRUE.equals(v.getStorage()))
                        .map(CustomResourceDefinitionVersion::getName)
                        .findFirst();
                if (storage.isPresent() && versions.contains(storage.get())) {
                    return storage.get();
                }
            }
        }
        return versions.get(0);
    }

    static ObjectNode apiGroupList(ObjectMapper m, List<ResourceType> types) {
        ObjectNode root = m.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = root.putArray("groups");
        groups(types).forEach((g, vs) -> {
            ObjectNode group = apiGroup(m, g, vs, types);
            group.remove("kind");
            group.remove("apiVersion");
            groups.add(group);
        });
        return root;
    }

    static ObjectNode apiResourceList(ObjectMapper m, String groupVersion, List<ResourceType> types) {
        ObjectNode root = m.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = root.putArray("resources");
        for (ResourceType t : types) {
            if (!t.groupVersion().equals(groupVersion)) {
                continue;
            }
            ObjectNode r = resources
                    .addObject()
                    .put("name", t.plural())
                    .put("singularName", t.singular())
                    .put("namespaced", t.namespaced())
                    .put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
                    .forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode sn = r.putArray("shortNames");
                t.shortNames().forEach(sn::add);
            }
            if (!t.categories().isEmpty()) {
                ArrayNode cats = r.putArray("categories");
                t.categories().forEach(cats::add);
            }
            r.put("storageVersionHash", Integer.toHexString(t.qualifiedPlural().hashCode()));
            if (t.statusSubresource()) {
                ObjectNode s = resources
                        .addObject()
                        .put("name", t.plural() + "/status")
                        .put("singularName", "")
                        .put("namespaced", t.namespaced())
                        .put("kind", t.kind());
                s.putArray("verbs").add("get").add("patch").add("update");
            }
            if (t.scaleSubresource()) {
                ObjectNode s = resources
                        .addObject()
                        .put("name", t.plural() + "/scale")
                        .put("singularName", "")
                        .put("namespaced", t.namespaced())
                        .put("group", "autoscaling")
                        .put("version", "v1")
                        .put("kind", "Scale");
                s.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return root;
    }

    static boolean hasGroupVersion(List<ResourceType> types, String groupVersion) {
        return types.stream().anyMatch(t -> t.groupVersion().equals(groupVersion));
    }

    static JsonNode nullSafe(JsonNode n) {
        return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
    }
}
