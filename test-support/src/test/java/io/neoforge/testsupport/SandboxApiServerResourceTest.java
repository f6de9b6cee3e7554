package io.neoforge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.sandbox.ClusterSimulator;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision between the in-process sandbox and a real cluster, and what the resource does in each mode. The "real
 * cluster" is a sandbox API server started here without any CRDs, reached only through the kubeconfig it writes.
 */
class SandboxApiServerResourceTest {

    private static final Path ROOT = RealCluster.projectRoot();

    @TempDir
    Path temp;

    private SandboxApiServerResource resource;
    private SandboxApiServer target;

    @AfterEach
    void stop() {
        if (resource != null) {
            resource.stop();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void theKubeconfigComesFromTheSystemPropertyElseTheEnvironmentElseNothingMeansTheSandbox() throws Exception {
        Path fromProperty = Files.createFile(temp.resolve("property-kubeconfig"));
        Path fromEnvironment = Files.createFile(temp.resolve("env-kubeconfig"));
        Properties property = new Properties();
        property.setProperty(TestCluster.KUBECONFIG_PROPERTY, fromProperty.toString());
        Map<String, String> environment = Map.of(TestCluster.KUBECONFIG_ENV, fromEnvironment.toString());

        assertThat(TestCluster.configuredKubeconfig(Map.of(), new Properties())).isEmpty();
        assertThat(TestCluster.configuredKubeconfig(Map.of(TestCluster.KUBECONFIG_ENV, " "), new Properties()))
                .isEmpty();
        assertThat(TestCluster.configuredKubeconfig(environment, new Properties()))
                .contains(fromEnvironment);
        assertThat(TestCluster.configuredKubeconfig(Map.of(), property)).contains(fromProperty);
        assertThat(TestCluster.configuredKubeconfig(environment, property)).contains(fromProperty);
    }

    @Test
    void aKubeconfigThatIsNoFileFailsInsteadOfFallingBackToTheSandbox() {
        Map<String, String> environment =
                Map.of(TestCluster.KUBECONFIG_ENV, temp.resolve("missing").toString());
        assertThatThrownBy(() -> TestCluster.configuredKubeconfig(environment, new Properties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TestCluster.KUBECONFIG_ENV)
                .hasMessageContaining("not a file");
    }

    @Test
    void theManifestsComeFromTheRepositorysManifestsDirectory() {
        assertThat(RealCluster.crdFiles(ROOT))
                .extracting(p -> ROOT.relativize(p).toString())
                .containsExactly("manifests/crds/plans.neoforge.io.yaml", "manifests/crds/tenants.neoforge.io.yaml");
        assertThat(RealCluster.policyFiles(ROOT))
                .extracting(p -> ROOT.relativize(p).toString())
                .containsExactly(
                        "manifests/base/crd-deletion-protection-policy.yaml",
                        "manifests/base/deletion-protection-policy.yaml");
        assertThat(RealCluster.sampleFiles(ROOT))
                .extracting(p -> ROOT.relativize(p).toString())
                .containsExactly("manifests/samples/plans.yaml");
    }

    @Test
    void withoutAKubeconfigTheSandboxStartsWithTheCrdsAndTheClientPointsAtIt() {
        resource = new SandboxApiServerResource(Optional::empty);
        resource.init(Map.of(SandboxApiServerResource.SAMPLES, "true"));
        resource.start();

        SandboxApiServer sandbox = SandboxApiServerResource.server();
        assertThat(SandboxApiServerResource.cluster().real()).isFalse();
        assertThat(SandboxApiServerResource.cluster().client().getMasterUrl().toString())
                .startsWith(sandbox.url());
        assertThat(System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY)).isEqualTo(sandbox.url());
        assertThat(sandbox.client().resources(Plan.class).withName("starter").get())
                .isNotNull();

        resource.stop();
        resource = null;
        assertThat(System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY)).isNull();
    }

    @Test
    void withAKubeconfigNoSandboxStartsAndTheCrdsFromManifestsAreAppliedToThatCluster() {
        Path kubeconfig = startTarget();
        assertThat(target.client()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .isEmpty();

        resource = new SandboxApiServerResource(() -> Optional.of(kubeconfig));
        resource.init(Map.of(SandboxApiServerResource.SAMPLES, "true"));
        resource.start();

        assertThatThrownBy(SandboxApiServerResource::server)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no sandbox API server");
        TestCluster cluster = SandboxApiServerResource.cluster();
        assertThat(cluster.real()).isTrue();
        assertThat(cluster.kubeconfig()).contains(kubeconfig);
        // the sandbox serves no ValidatingAdmissionPolicy and runs no Deployment controller
        assertThat(cluster.admissionPolicies()).isFalse();
        assertThat(cluster.deploymentController()).isFalse();

        List<CustomResourceDefinition> crds = target.client()
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .list()
                .getItems();
        assertThat(crds)
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder("plans.neoforge.io", "tenants.neoforge.io");
        assertThat(crds)
                .allSatisfy(crd -> assertThat(crd.getMetadata().getManagedFields())
                        .anySatisfy(entry -> {
                            assertThat(entry.getManager()).isEqualTo(RealCluster.FIELD_MANAGER);
                            assertThat(entry.getOperation()).isEqualTo("Apply");
                        }));
        assertThat(target.client().resources(Plan.class).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("starter", "pro", "enterprise");
        assertThat(target.client()
                        .configMaps()
                        .inNamespace("default")
                        .withName(RealCluster.MARKER)
                        .get())
                .isNotNull();
        assertThat(target.client()
                        .namespaces()
                        .withName(RealCluster.PROBE_NAMESPACE)
                        .get())
                .isNull();

        // what Quarkus does when the application starts: Config.autoConfigure, reading the system properties set
        assertThat(System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE)).isEqualTo(kubeconfig.toString());
        assertThat(System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY)).isNull();
        assertThat(Config.autoConfigure(null).getMasterUrl()).startsWith(target.url());
        assertThat(cluster.client().getMasterUrl().toString()).startsWith(target.url());

        resource.stop();
        resource = null;
        assertThat(System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE)).isNull();
        assertThat(target.client().resources(Plan.class).list().getItems())
                .as("swept at the end")
                .isEmpty();
    }

    @Test
    void aDeploymentControllerForTenantAppsIsFoundWhereOneRuns() {
        Path kubeconfig = startTarget();
        try (ClusterSimulator controllers = new ClusterSimulator(target.newClient()).start()) {
            resource = new SandboxApiServerResource(() -> Optional.of(kubeconfig));
            resource.init(Map.of());
            resource.start();

            assertThat(SandboxApiServerResource.cluster().deploymentController())
                    .isTrue();
            assertThat(target.client()
                            .namespaces()
                            .withName(RealCluster.PROBE_NAMESPACE)
                            .get())
                    .isNull();
        }
    }

    @Test
    void aClusterTheTestsUsedBeforeIsSweptOfWhatAnEarlierRunLeft() {
        Path kubeconfig = startTarget();
        resource = new SandboxApiServerResource(() -> Optional.of(kubeconfig));
        resource.init(Map.of());
        resource.start();
        resource.stop();
        // what a run that was killed midway leaves: a protected tenant with the operator's finalizer, its namespace
        // with objects in it, a plan, and events
        KubernetesClient client = target.client();
        client.resource(plan("leftover-plan")).create();
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName("leftover");
        tenant.getMetadata().setFinalizers(List.of("neoforge.io/finalizer"));
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan("leftover-plan");
        tenant.getSpec().setDeletionProtection(true);
        client.resource(tenant).create();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("tenant-leftover")
                        .addToLabels(ClusterCleanup.TENANT_LABEL, "leftover")
                        .endMetadata()
                        .build())
                .create();
        client.configMaps()
                .inNamespace("tenant-leftover")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("neoforge-branding")
                        .endMetadata()
                        .build())
                .create();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("shared-strings")
                        .addToLabels(ClusterCleanup.TEST_LABEL, "true")
                        .endMetadata()
                        .build())
                .create();
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName("leftover.provisioned")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Tenant")
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withName("leftover")
                        .endInvolvedObject()
                        .withReason("Provisioned")
                        .build())
                .create();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("somebody-else")
                        .endMetadata()
                        .build())
                .create();

        resource = new SandboxApiServerResource(() -> Optional.of(kubeconfig));
        resource.init(Map.of());
        resource.start();

        assertThat(client.resources(Tenant.class).list().getItems()).isEmpty();
        assertThat(client.resources(Plan.class).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName("tenant-leftover").get()).isNull();
        assertThat(client.namespaces().withName("shared-strings").get()).isNull();
        assertThat(client.v1()
                        .events()
                        .inNamespace("default")
                        .withName("leftover.provisioned")
                        .get())
                .isNull();
        assertThat(client.namespaces().withName("somebody-else").get())
                .as("not labelled: not the tests'")
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace("default")
                        .withName(RealCluster.MARKER)
                        .get())
                .isNotNull();
    }

    @Test
    void aClusterTheTestsHaveNotUsedIsRefusedWhenItHoldsTenantsOrPlans() {
        Path kubeconfig = startTarget();
        target.applyCrdsFromClasspath();
        target.client().resource(plan("production")).create();

        resource = new SandboxApiServerResource(() -> Optional.of(kubeconfig));
        resource.init(Map.of());
        assertThatThrownBy(resource::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plan/production")
                .hasMessageContaining("has not been used by NeoForge's integration tests before");
        assertThat(target.client().resources(Plan.class).withName("production").get())
                .isNotNull();
        assertThat(target.client()
                        .configMaps()
                        .inNamespace("default")
                        .withName(RealCluster.MARKER)
                        .get())
                .isNull();
        assertThat(System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE)).isNull();
    }

    private Path startTarget() {
        target = new SandboxApiServer().start();
        target.setAdmission(new SchemaAdmission());
        return target.writeKubeconfig(temp.resolve("kubeconfig"));
    }

    private static Plan plan(String name) {
        Plan plan = new Plan();
        plan.getMetadata().setName(name);
        plan.setSpec(new PlanSpec());
        plan.getSpec().setDisplayName(name);
        return plan;
    }
}
