package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting a CRD deletes its custom resources first, honouring their finalizers, as the apiextensions server does. */
class CrdDeletionTest {
    static final String TENANTS = "tenants.neoforge.io";

    SandboxApiServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new SandboxApiServer().start();
        server.applyCrdsFromClasspath();
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> kind(
            String kind) {
        return client.genericKubernetesResources("neoforge.io/v1alpha1", kind);
    }

    GenericKubernetesResource create(String kind, String name, List<String> finalizers) {
        return kind(kind)
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withKind(kind)
                        .withNewMetadata()
                        .withName(name)
                        .withFinalizers(finalizers)
                        .endMetadata()
                        .withAdditionalProperties(Map.of(
                                "spec",
                                kind.equals("Tenant") ? Map.of("plan", "basic") : Map.of("displayName", "Basic")))
                        .build())
                .create();
    }

    CustomResourceDefinition crd() {
        return client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TENANTS)
                .get();
    }

    @Test
    void deletingACrdDeletesItsResourcesThenTheCrdOnceTheirFinalizersAreGone() {
        create("Plan", "basic", List.of());
        create("Tenant", "plain", List.of());
        create("Tenant", "kept", List.of("neoforge.io/finalizer"));

        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TENANTS)
                .delete();

        CustomResourceDefinition terminating = crd();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotBlank();
        assertThat(terminating.getMetadata().getFinalizers()).contains(CrdDeletion.FINALIZER);
        assertThat(terminating.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Terminating");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        await().atMost(Duration.ofSeconds(10))
                .until(() -> kind("Tenant").withName("plain").get() == null);
        GenericKubernetesResource kept = kind("Tenant").withName("kept").get();
        assertThat(kept.getMetadata().getDeletionTimestamp())
                .as("a finalizer holds it back")
                .isNotBlank();
        assertThat(crd()).as("the CRD waits for its last resource").isNotNull();

        kind("Tenant").withName("kept").edit(t -> {
            t.getMetadata().setFinalizers(List.of());
            return t;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> crd() == null);
        assertThatThrownBy(() -> kind("Tenant").list())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(404));
        assertThat(kind("Plan").withName("basic").get())
                .as("other CRDs' resources stay")
                .isNotNull();

        server.applyCrdsFromClasspath();
        assertThat(kind("Tenant").list().getItems()).isEmpty();
        create("Tenant", "plain", List.of());
        assertThat(kind("Tenant").withName("plain").get().getMetadata().getDeletionTimestamp())
                .isNull();
    }

    @Test
    void deletingATerminatingCrdAgainChangesNothing() {
        create("Tenant", "kept", List.of("neoforge.io/finalizer"));
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TENANTS)
                .delete();
        String deletionTimestamp = crd().getMetadata().getDeletionTimestamp();

        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TENANTS)
                .delete();

        assertThat(crd().getMetadata().getDeletionTimestamp()).isEqualTo(deletionTimestamp);
        assertThat(crd().getMetadata().getFinalizers()).containsOnlyOnce(CrdDeletion.FINALIZER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kind("Tenant").withName("kept").get().getMetadata().getDeletionTimestamp() != null);
        assertThat(crd()).isNotNull();
    }
}
