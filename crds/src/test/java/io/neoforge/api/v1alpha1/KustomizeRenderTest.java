package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders manifests/ the way an admin applies it ({@code kubectl kustomize}) and checks the result holds
 * what a working installation needs.
 */
class KustomizeRenderTest {
    @Test
    void baseHoldsTheCrdsTheOperatorAndItsRbac() throws Exception {
        List<JsonNode> objects = Kustomize.render("manifests/base");

        assertThat(Kustomize.names(objects, "CustomResourceDefinition"))
                .containsExactlyInAnyOrder("tenants.neoforge.io", "plans.neoforge.io");
        assertThat(Kustomize.names(objects, "Namespace")).containsExactly("neoforge-system");
        assertThat(Kustomize.names(objects, "ServiceAccount"))
                .containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(Kustomize.names(objects, "ClusterRole"))
                .containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(Kustomize.names(objects, "ClusterRoleBinding"))
                .containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(Kustomize.names(objects, "Service"))
                .containsExactlyInAnyOrder("neoforge-operator-metrics", "neoforge-platform-api");
        assertThat(Kustomize.names(objects, "Deployment"))
                .containsExactlyInAnyOrder("neoforge-operator", "neoforge-platform-api");
        assertThat(Kustomize.names(objects, "ValidatingAdmissionPolicy"))
                .containsExactlyInAnyOrder("neoforge-tenant-deletion-protection", "neoforge-crd-deletion-protection");
        assertThat(Kustomize.names(objects, "ValidatingAdmissionPolicyBinding"))
                .containsExactlyInAnyOrder("neoforge-tenant-deletion-protection", "neoforge-crd-deletion-protection");

        JsonNode deployment = Kustomize.find(objects, "Deployment", "neoforge-operator")
                .orElseThrow(() -> new AssertionError("manifests/base renders no Deployment neoforge-operator"));
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("neoforge-system");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/serviceAccountName").asText()).isEqualTo("neoforge-operator");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/image").asText())
                .isEqualTo(BuildImages.of("operator").reference());
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        List<String> env = new ArrayList<>();
        container.at("/env").forEach(e -> env.add(e.at("/name").asText()));
        assertThat(env)
                .contains(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "NEOFORGE_BASE_DOMAIN");

        JsonNode binding = Kustomize.find(objects, "ClusterRoleBinding", "neoforge-operator")
                .orElseThrow();
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("neoforge-system");
    }

    @Test
    void operatorClusterRoleNeverEscalatesOrBinds() throws Exception {
        JsonNode role = Kustomize.find(Kustomize.render("manifests/base"), "ClusterRole", "neoforge-operator")
                .orElseThrow();
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
        JsonNode role = Kustomize.find(Kustomize.render("manifests/base"), "ClusterRole", "neoforge-operator")
                .orElseThrow();
        List<List<String>> held = new ArrayList<>();
        role.at("/rules")
                .forEach(rule -> rule.at("/apiGroups")
                        .forEach(group -> rule.at("/resources")
                                .forEach(resource -> rule.at("/verbs")
                                        .forEach(verb ->
                                                held.add(List.of(group.asText(), resource.asText(), verb.asText()))))));
        assertThat(held)
                .as("rights of ClusterRole neoforge-operator (apiGroup, resource, verb)")
                .containsAll(TENANT_ADMIN_ROLE);
    }

    @Test
    void monitoringOverlayAddsServiceMonitorAndAlerts() throws Exception {
        List<JsonNode> objects = Kustomize.render("manifests/overlays/monitoring");
        assertThat(Kustomize.names(objects, "CustomResourceDefinition")).hasSize(2);
        assertThat(Kustomize.find(objects, "Deployment", "neoforge-operator")).isPresent();
        JsonNode monitor =
                Kustomize.find(objects, "ServiceMonitor", "neoforge-operator").orElseThrow();
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http-metrics");
        JsonNode rule =
                Kustomize.find(objects, "PrometheusRule", "neoforge-operator").orElseThrow();
        assertThat(rule.at("/spec/groups/0/rules").size()).isBetween(2, 5);
    }

    @Test
    void samplePlansOverlayAddsThePlanCatalog() throws Exception {
        List<JsonNode> objects = Kustomize.render("manifests/overlays/sample-plans");
        assertThat(Kustomize.find(objects, "Deployment", "neoforge-operator")).isPresent();
        assertThat(Kustomize.names(objects, "Plan")).containsExactlyInAnyOrder("starter", "pro", "enterprise");
    }
}
