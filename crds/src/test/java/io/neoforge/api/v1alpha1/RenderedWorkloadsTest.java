package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What manifests/ installs runs what the build makes, and runs it as Pod Security {@code restricted} allows, for
 * every kustomization an admin may apply.
 */
class RenderedWorkloadsTest {
    /** Deployment name to the module whose image it runs. */
    private static final Map<String, String> MODULES = Map.of(
            "neoforge-operator", "operator",
            "neoforge-platform-api", "platform-api");

    private static final List<String> INSTALLABLE = Kustomize.INSTALLABLE;

    @ParameterizedTest
    @FieldSource("INSTALLABLE")
    void everyDeploymentRunsTheImageItsModuleBuilds(String kustomization) throws Exception {
        List<JsonNode> deployments = Kustomize.ofKind(Kustomize.render(kustomization), "Deployment");
        assertThat(deployments)
                .extracting(d -> d.at("/metadata/name").asText())
                .as("Deployments of %s", kustomization)
                .containsExactlyInAnyOrderElementsOf(MODULES.keySet());
        for (JsonNode deployment : deployments) {
            String name = deployment.at("/metadata/name").asText();
            BuildImages build = BuildImages.of(MODULES.get(name));
            List<String> images = new ArrayList<>();
            for (String list : List.of("initContainers", "containers")) {
                deployment
                        .at("/spec/template/spec/" + list)
                        .forEach(c -> images.add(c.path("image").asText()));
            }
            assertThat(images)
                    .as(
                            "images of Deployment %s in %s: the one quarkus.container-image.* of %s describes",
                            name, kustomization, build.module())
                    .isNotEmpty()
                    .containsOnly(build.reference());
        }
    }

    @Test
    void theImagesRunAsANumericUserThatIsNotRoot() {
        for (String module : MODULES.values()) {
            String user = BuildImages.of(module).dockerfileUser();
            // runAsNonRoot can only be verified by the kubelet against a numeric user
            assertThat(user)
                    .as("USER of %s/src/main/docker/Dockerfile.jvm", module)
                    .matches("[0-9]+");
            assertThat(Long.parseLong(user))
                    .as("USER of %s/src/main/docker/Dockerfile.jvm", module)
                    .isPositive();
        }
    }

    @ParameterizedTest
    @FieldSource("INSTALLABLE")
    void everyWorkloadPassesPodSecurityRestricted(String kustomization) throws Exception {
        List<JsonNode> objects = Kustomize.render(kustomization);
        Map<String, JsonNode> pods = podSpecs(objects);
        assertThat(pods.keySet())
                .as("workloads of %s", kustomization)
                .contains("Deployment/neoforge-operator", "Deployment/neoforge-platform-api");
        Map<String, List<String>> violations = new TreeMap<>();
        pods.forEach((workload, pod) -> {
            List<String> found = PodSecurityRestricted.violations(pod);
            if (!found.isEmpty()) {
                violations.put(workload, found);
            }
        });
        assertThat(violations)
                .as("Pod Security 'restricted' violations in %s, by workload", kustomization)
                .isEmpty();
    }

    private static Map<String, JsonNode> podSpecs(List<JsonNode> objects) {
        Map<String, JsonNode> pods = new TreeMap<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String id = kind + "/" + object.at("/metadata/name").asText();
            switch (kind) {
                case "Pod" -> pods.put(id, object.path("spec"));
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                    pods.put(id, object.at("/spec/template/spec"));
                case "CronJob" -> pods.put(id, object.at("/spec/jobTemplate/spec/template/spec"));
                default -> {}
            }
        }
        return pods;
    }
}
