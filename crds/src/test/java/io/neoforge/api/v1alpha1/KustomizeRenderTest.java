package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders manifests/ the way an admin applies it ({@code kubectl kustomize}) and checks the result holds
 * what a working installation needs.
 */
class KustomizeRenderTest {
    /** Override with -Dneoforge.kubectl=/path/to/kubectl. */
    private static final String KUBECTL = System.getProperty("neoforge.kubectl", "/usr/bin/kubectl");
    private static final long TIMEOUT_SECONDS = 60;
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void baseHoldsTheCrdsTheOperatorAndItsRbac() throws Exception {
        List<JsonNode> objects = render("manifests/base");

        assertThat(names(objects, "CustomResourceDefinition")).containsExactlyInAnyOrder("tenants.neoforge.io", "plans.neoforge.io");
        assertThat(names(objects, "Namespace")).containsExactly("neoforge-system");
        assertThat(names(objects, "ServiceAccount")).containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(names(objects, "ClusterRole")).containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(names(objects, "ClusterRoleBinding")).containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(names(objects, "Service")).containsExactlyInAnyOrder("neoforge-operator-metrics", "neoforge-platform-api");
        assertThat(names(objects, "Deployment")).containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(names(objects, "ValidatingAdmissionPolicy")).containsExactlyInAnyOrder(
                "neoforge-tenant-deletion-protection", "neoforge-crd-deletion-protection");
        assertThat(names(objects, "ValidatingAdmissionPolicyBinding")).containsExactlyInAnyOrder(
                "neoforge-tenant-deletion-protection", "neoforge-crd-deletion-protection");

        JsonNode deployment = find(objects, "Deployment", "neoforge-operator")
                .orElseThrow(() -> new AssertionError("manifests/base renders no Deployment neoforge-operator"));
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("neoforge-system");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("neoforge-operator");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/image").asText()).isEqualTo("ghcr.io/neoforge/operator:0.1.0");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        List<String> env = new ArrayList<>();
        container.at("/env").forEach(e -> env.add(e.at("/name").asText()));
        assertThat(env).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD", "NEOFORGE_BASE_DOMAIN");

        JsonNode binding = find(objects, "ClusterRoleBinding", "neoforge-operator").orElseThrow();
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("neoforge-system");
    }

    @Test
    void operatorClusterRoleNeverEscalatesOrBinds() throws Exception {
        JsonNode role = find(render("manifests/base"), "ClusterRole", "neoforge-operator").orElseThrow();
        List<String> verbs = new ArrayList<>();
        role.at("/rules").forEach(rule -> rule.at("/verbs").forEach(v -> verbs.add(v.asText())));
        assertThat(verbs).doesNotContain("*", "escalate", "bind", "impersonate");
    }

    /**
     * The operator may create the tenant-admin Role only if it holds every right in it (no escalate/bind).
     * Keep in step with the operator's AdminRoleDependent: {apiGroup, resource, verb}.
     */
    private static final List<List<String>> TENANT_ADMIN_ROLE = tenantAdminRole();

    private static List<List<String>> tenantAdminRole() {
        List<List<String>> rights = new ArrayList<>();
        for (String verb : List.of("get", "list", "watch")) {
            for (String resource : List.of("pods", "pods/log", "services", "endpoints", "configmaps", "events")) {
                rights.add(List.of("", resource, verb));
            }
            rights.add(List.of("apps", "deployments", verb));
            rights.add(List.of("apps", "replicasets", verb));
            rights.add(List.of("autoscaling", "horizontalpodautoscalers", verb));
            rights.add(List.of("networking.k8s.io", "ingresses", verb));
            rights.add(List.of("policy", "poddisruptionbudgets", verb));
        }
        rights.add(List.of("", "pods", "delete"));
        return rights;
    }

    @Test
    void operatorHoldsEveryRightItGrantsTenantAdmins() throws Exception {
        JsonNode role = find(render("manifests/base"), "ClusterRole", "neoforge-operator").orElseThrow();
        List<List<String>> held = new ArrayList<>();
        role.at("/rules").forEach(rule -> rule.at("/apiGroups").forEach(group -> rule.at("/resources")
                .forEach(resource -> rule.at("/verbs").forEach(verb -> held.add(
                        List.of(group.asText(), resource.asText(), verb.asText()))))));
        assertThat(held).as("rights of ClusterRole neoforge-operator (apiGroup, resource, verb)")
                .containsAll(TENANT_ADMIN_ROLE);
    }

    @Test
    void monitoringOverlayAddsServiceMonitorAndAlerts() throws Exception {
        List<JsonNode> objects = render("manifests/overlays/monitoring");
        assertThat(names(objects, "CustomResourceDefinition")).hasSize(2);
        assertThat(find(objects, "Deployment", "neoforge-operator")).isPresent();
        JsonNode monitor = find(objects, "ServiceMonitor", "neoforge-operator").orElseThrow();
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http-metrics");
        JsonNode rule = find(objects, "PrometheusRule", "neoforge-operator").orElseThrow();
        assertThat(rule.at("/spec/groups/0/rules").size()).isBetween(2, 5);
    }

    @Test
    void samplePlansOverlayAddsThePlanCatalog() throws Exception {
        List<JsonNode> objects = render("manifests/overlays/sample-plans");
        assertThat(find(objects, "Deployment", "neoforge-operator")).isPresent();
        assertThat(names(objects, "Plan")).containsExactlyInAnyOrder("starter", "pro", "enterprise");
    }

    private static List<JsonNode> render(String directory) throws IOException, InterruptedException {
        Path kubectl = Path.of(KUBECTL);
        if (!Files.isExecutable(kubectl)) {
            fail("kubectl not found at " + KUBECTL + ": KustomizeRenderTest renders manifests/ with `kubectl kustomize`. "
                    + "Install kubectl (https://kubernetes.io/docs/tasks/tools/) or point -Dneoforge.kubectl=/path/to/kubectl at one.");
        }
        Path repoRoot = RepoPaths.repoRoot();
        Process process = new ProcessBuilder(KUBECTL, "kustomize", directory)
                .directory(repoRoot.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl kustomize " + directory + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail("kubectl kustomize " + directory + " failed (exit " + process.exitValue() + "): " + stderr.join());
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode node : YAML.readerFor(JsonNode.class).<JsonNode>readValues(stdout.join()).readAll()) {
            if (node != null && !node.isEmpty()) {
                objects.add(node);
            }
        }
        assertThat(objects).as("objects rendered from %s", directory).isNotEmpty();
        return objects;
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(could not read: " + e.getMessage() + ")";
        }
    }

    private static List<String> names(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()))
                .map(o -> o.at("/metadata/name").asText()).toList();
    }

    private static Optional<JsonNode> find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.at("/metadata/name").asText())).findFirst();
    }
}
