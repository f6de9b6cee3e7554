package io.neoforge.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes Pod Security Standard {@code restricted} (which includes {@code baseline}), checked on a pod spec
 * as the API server's PodSecurity admission checks it in a namespace labelled
 * {@code pod-security.kubernetes.io/enforce=restricted}. A pod-level setting counts for every container that does
 * not set its own.
 */
final class PodSecurityRestricted {
    private static final Set<String> ALLOWED_VOLUME_TYPES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");
    private static final Set<String> ALLOWED_SECCOMP = Set.of("RuntimeDefault", "Localhost");
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    private PodSecurityRestricted() {}

    /** What the pod spec violates, one line each; empty when it passes. */
    static List<String> violations(JsonNode pod) {
        List<String> violations = new ArrayList<>();
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (pod.path(host).asBoolean(false)) {
                violations.add(host + " is true");
            }
        }
        pod.path("volumes")
                .forEach(volume -> volume.fieldNames().forEachRemaining(field -> {
                    if (!field.equals("name") && !ALLOWED_VOLUME_TYPES.contains(field)) {
                        violations.add("volume " + volume.path("name").asText() + " is of type " + field);
                    }
                }));
        JsonNode podContext = pod.path("securityContext");
        checkUser(podContext, "pod", violations);
        checkSeccompNotUnconfined(podContext, "pod", violations);

        for (String list : CONTAINER_LISTS) {
            pod.path(list)
                    .forEach(container -> checkContainer(
                            container,
                            podContext,
                            list + "/" + container.path("name").asText(),
                            violations));
        }
        return violations;
    }

    private static void checkContainer(JsonNode container, JsonNode podContext, String where, List<String> violations) {
        JsonNode context = container.path("securityContext");
        if (context.path("privileged").asBoolean(false)) {
            violations.add(where + ": privileged");
        }
        if (!context.path("allowPrivilegeEscalation").isBoolean()
                || context.path("allowPrivilegeEscalation").asBoolean()) {
            violations.add(where + ": allowPrivilegeEscalation is not false");
        }
        List<String> dropped = new ArrayList<>();
        context.at("/capabilities/drop").forEach(capability -> dropped.add(capability.asText()));
        if (!dropped.contains("ALL")) {
            violations.add(where + ": capabilities do not drop ALL");
        }
        context.at("/capabilities/add").forEach(capability -> {
            if (!capability.asText().equals("NET_BIND_SERVICE")) {
                violations.add(where + ": adds capability " + capability.asText());
            }
        });
        container.path("ports").forEach(port -> {
            if (port.path("hostPort").asInt(0) != 0) {
                violations.add(where + ": hostPort " + port.path("hostPort").asInt());
            }
        });
        checkUser(context, where, violations);
        checkSeccompNotUnconfined(context, where, violations);

        JsonNode runAsNonRoot =
                context.has("runAsNonRoot") ? context.path("runAsNonRoot") : podContext.path("runAsNonRoot");
        if (!runAsNonRoot.asBoolean(false)) {
            violations.add(where + ": runAsNonRoot is not true (neither on the container nor on the pod)");
        }
        JsonNode seccomp = context.has("seccompProfile")
                ? context.at("/seccompProfile/type")
                : podContext.at("/seccompProfile/type");
        if (!ALLOWED_SECCOMP.contains(seccomp.asText())) {
            violations.add(where + ": seccompProfile is not RuntimeDefault or Localhost (neither on the container nor "
                    + "on the pod)");
        }
    }

    private static void checkUser(JsonNode context, String where, List<String> violations) {
        if (context.has("runAsUser") && context.path("runAsUser").asLong() == 0) {
            violations.add(where + ": runAsUser is 0 (root)");
        }
        if (context.has("runAsNonRoot") && !context.path("runAsNonRoot").asBoolean()) {
            violations.add(where + ": runAsNonRoot is false");
        }
    }

    private static void checkSeccompNotUnconfined(JsonNode context, String where, List<String> violations) {
        if ("Unconfined".equals(context.at("/seccompProfile/type").asText())) {
            violations.add(where + ": seccompProfile is Unconfined");
        }
    }
}
