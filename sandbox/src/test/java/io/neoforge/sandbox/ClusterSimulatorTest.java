package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterSimulatorTest {

    static SandboxApiServer server;
    static KubernetesClient client;
    static ClusterSimulator simulator;

    @BeforeAll
    static void start() {
        server = new SandboxApiServer().start();
        client = server.client();
        simulator = new ClusterSimulator(server.newClient(), Duration.ofMillis(100)).start();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        server.close();
    }

    static void namespace(String name, boolean tenant) {
        var b = new NamespaceBuilder().withNewMetadata().withName(name);
        if (tenant) {
            b.addToLabels(ClusterSimulator.TENANT_NAMESPACE_LABEL, name.replace("tenant-", ""));
        }
        client.namespaces().resource(b.endMetadata().build()).create();
    }

    static Deployment deployment(String ns, String name, int replicas) {
        Deployment d = SandboxApiServerTest.deployment(name, replicas);
        d.getMetadata().setNamespace(ns);
        d.getMetadata()
                .setLabels(java.util.Map.of(ClusterSimulator.MANAGED_BY_LABEL, ClusterSimulator.MANAGED_BY_VALUE));
        return client.apps().deployments().inNamespace(ns).resource(d).create();
    }

    static Deployment get(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    @Test
    void deploymentsInTenantNamespacesBecomeAvailable() {
        namespace("tenant-acme", true);
        deployment("tenant-acme", "app", 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("tenant-acme", "app").getStatus() != null
                        && Integer.valueOf(2)
                                .equals(get("tenant-acme", "app").getStatus().getAvailableReplicas()));
        Deployment d = get("tenant-acme", "app");
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(d.getStatus().getReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getConditions())
                .extracting(DeploymentCondition::getType, DeploymentCondition::getStatus)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("Available", "True"),
                        org.assertj.core.groups.Tuple.tuple("Progressing", "True"));

        // scaled to zero (a suspended tenant): zero counts, new observedGeneration
        client.apps().deployments().inNamespace("tenant-acme").withName("app").edit(x -> {
            x.getSpec().setReplicas(0);
            return x;
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("tenant-acme", "app").getStatus().getObservedGeneration() == 2L);
        assertThat(get("tenant-acme", "app").getStatus().getReadyReplicas()).isZero();
        assertThat(get("tenant-acme", "app").getStatus().getAvailableReplicas()).isZero();
    }

    @Test
    void deploymentsElsewhereAreLeftAlone() {
        namespace("not-a-tenant", false);
        deployment("not-a-tenant", "app", 1);
        namespace("tenant-beta", true);
        deployment("tenant-beta", "app", 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("tenant-beta", "app").getStatus() != null);
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> get("not-a-tenant", "app").getStatus() == null);
    }

    @Test
    void ingressesGetAnAddressAndNamespacesAPhase() {
        namespace("tenant-gamma", true);
        client.network()
                .v1()
                .ingresses()
                .inNamespace("tenant-gamma")
                .resource(new IngressBuilder()
                        .withNewMetadata()
                        .withName("app")
                        .addToLabels(ClusterSimulator.MANAGED_BY_LABEL, ClusterSimulator.MANAGED_BY_VALUE)
                        .endMetadata()
                        .withNewSpec()
                        .addNewRule()
                        .withHost("gamma.example.com")
                        .endRule()
                        .endSpec()
                        .build())
                .create();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var ing = client.network()
                    .v1()
                    .ingresses()
                    .inNamespace("tenant-gamma")
                    .withName("app")
                    .get();
            return ing.getStatus() != null
                    && ing.getStatus().getLoadBalancer() != null
                    && !ing.getStatus().getLoadBalancer().getIngress().isEmpty()
                    && "127.0.0.1"
                            .equals(ing.getStatus()
                                    .getLoadBalancer()
                                    .getIngress()
                                    .get(0)
                                    .getIp());
        });

        client.namespaces()
                .withName("tenant-gamma")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":null}");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var ns = client.namespaces().withName("tenant-gamma").get();
            return ns.getStatus() != null && "Active".equals(ns.getStatus().getPhase());
        });
    }

    @Test
    void deletedNamespacesAreEmptiedThenRemoved() {
        namespace("tenant-doomed", true);
        client.configMaps()
                .inNamespace("tenant-doomed")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("flags")
                        .endMetadata()
                        .addToData("a", "b")
                        .build())
                .create();
        client.secrets()
                .inNamespace("tenant-doomed")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("db")
                        .withFinalizers("neoforge.io/keep")
                        .endMetadata()
                        .addToStringData("p", "q")
                        .build())
                .create();
        deployment("tenant-doomed", "app", 1);

        client.namespaces().withName("tenant-doomed").delete();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.configMaps()
                                        .inNamespace("tenant-doomed")
                                        .withName("flags")
                                        .get()
                                == null
                        && client.apps()
                                        .deployments()
                                        .inNamespace("tenant-doomed")
                                        .withName("app")
                                        .get()
                                == null
                        && client.secrets()
                                        .inNamespace("tenant-doomed")
                                        .withName("db")
                                        .get()
                                        .getMetadata()
                                        .getDeletionTimestamp()
                                != null);
        // the secret's finalizer holds the namespace
        assertThat(client.namespaces()
                        .withName("tenant-doomed")
                        .get()
                        .getStatus()
                        .getPhase())
                .isEqualTo("Terminating");

        client.secrets()
                .inNamespace("tenant-doomed")
                .withName("db")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.namespaces().withName("tenant-doomed").get() == null);
    }
}
