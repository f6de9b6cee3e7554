package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.neoforge.sandbox.ApiResources.ResourceType;

/**
 * The defaults the API server's own types fill in when it decodes an object (the part of them that shows in what
 * NeoForge and its tests read): Deployments and their pod templates, containers, Services. Applied before field
 * management, so that defaulted fields belong to no applier but are seen by an update, as on a real API server.
 */
final class BuiltinDefaults {

    private BuiltinDefaults() {}

    static void apply(ResourceType type, ObjectNode obj) {
        if (!type.builtin()) {
            return;
        }
        String key = type.group() + "/" + type.plural();
        switch (key) {
            case "apps/deployments" -> deployment(obj);
            case "apps/replicasets", "apps/statefulsets", "apps/daemonsets", "batch/jobs" ->
                podTemplate(obj.path("spec"));
            case "/pods" -> podSpec(obj.path("spec"));
            case "/services" -> service(obj.path("spec"));
            default -> {}
        }
    }

    private static void deployment(ObjectNode obj) {
        if (!(obj.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        putIfAbsent(spec, "replicas", 1);
        if (!(spec.get("strategy") instanceof ObjectNode)) {
            spec.putObject("strategy").put("type", "RollingUpdate");
        }
        ObjectNode strategy = (ObjectNode) spec.get("strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText()) && !strategy.has("rollingUpdate")) {
            strategy.putObject("rollingUpdate").put("maxUnavailable", "25%").put("maxSurge", "25%");
        }
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        podTemplate(spec);
    }

    private static void podTemplate(JsonNode spec) {
        podSpec(spec.path("template").path("spec"));
    }

    private static void podSpec(JsonNode node) {
        if (!(node instanceof ObjectNode spec)) {
            return;
        }
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "terminationGracePeriodSeconds", 30);
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        spec.path("containers").forEach(BuiltinDefaults::container);
        spec.path("initContainers").forEach(BuiltinDefaults::container);
    }

    private static void container(JsonNode node) {
        if (!(node instanceof ObjectNode c)) {
            return;
        }
        if (!c.has("resources")) {
            c.putObject("resources");
        }
        putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(c, "terminationMessagePolicy", "File");
        putIfAbsent(c, "imagePullPolicy", pullPolicy(c.path("image").asText("")));
        c.path("ports").forEach(p -> {
            if (p instanceof ObjectNode port) {
                putIfAbsent(port, "protocol", "TCP");
            }
        });
    }

    /** Always for {@code :latest} or no tag, IfNotPresent otherwise. */
    static String pullPolicy(String image) {
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > slash;
        return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }

    private static void service(JsonNode node) {
        if (!(node instanceof ObjectNode spec)) {
            return;
        }
        putIfAbsent(spec, "type", "ClusterIP");
        putIfAbsent(spec, "sessionAffinity", "None");
        spec.path("ports").forEach(p -> {
            if (p instanceof ObjectNode port) {
                putIfAbsent(port, "protocol", "TCP");
                if (!port.has("targetPort") && port.has("port")) {
                    port.set("targetPort", port.get("port").deepCopy());
                }
            }
        });
    }

    private static void putIfAbsent(ObjectNode o, String field, String value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }

    private static void putIfAbsent(ObjectNode o, String field, int value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }
}
