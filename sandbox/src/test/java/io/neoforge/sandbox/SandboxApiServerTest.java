package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.neoforge.sandbox.admission.AdmissionResult;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxApiServerTest {

    static final String TENANT_YAML = """
      apiVersion: neoforge.io/v1alpha1
      kind: Tenant
      metadata:
        name: acme
      spec:
        plan: starter
      """;
    static final String PLAN_YAML = """
      apiVersion: neoforge.io/v1alpha1
      kind: Plan
      metadata:
        name: starter
      spec:
        displayName: Starter
      """;

    static SandboxApiServer server;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        server = new SandboxApiServer().start();
        server.applyCrdsFromClasspath();
        client = server.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void cleanUp() {
        server.setAdmission(null);
        for (GenericKubernetesResource t : tenants().list().getItems()) {
            tenants().withName(t.getMetadata().getName()).edit(r -> {
                r.getMetadata().setFinalizers(List.of());
                return r;
            });
            tenants().withName(t.getMetadata().getName()).delete();
        }
        plans().delete();
        await().until(() -> tenants().list().getItems().isEmpty());
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            tenants() {
        return client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant");
    }

    static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            plans() {
        return client.genericKubernetesResources("neoforge.io/v1alpha1", "Plan");
    }

    static List<HasMetadata> createFromYaml(String yaml) {
        List<HasMetadata> created = new ArrayList<>();
        for (HasMetadata item : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items()) {
            created.add(client.resource(item).create());
        }
        return created;
    }

    static JsonNode json(Object o) {
        return Serialization.jsonMapper().valueToTree(o);
    }

    @Test
    void crdsAreRegisteredEstablishedAndDiscoverable() {
        List<String> names = client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                .map(c -> c.getMetadata().getName())
                .toList();
        assertThat(names).contains("tenants.neoforge.io", "plans.neoforge.io");
        CustomResourceDefinition crd = client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("tenants.neoforge.io")
                .get();
        assertThat(crd.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Established");
            assertThat(c.getStatus()).isEqualTo("True");
        });

        APIResource tenants = client.getApiResources("neoforge.io/v1alpha1").getResources().stream()
                .filter(r -> r.getName().equals("tenants"))
                .findFirst()
                .orElseThrow();
        assertThat(tenants.getKind()).isEqualTo("Tenant");
        assertThat(tenants.getNamespaced()).isFalse();
        assertThat(tenants.getShortNames()).containsExactly("tn");
        assertThat(tenants.getCategories()).contains("neoforge");
        assertThat(client.getApiResources("neoforge.io/v1alpha1").getResources())
                .extracting(APIResource::getName)
                .contains("tenants/status", "plans", "plans/status");
        assertThat(client.getApiResources("apps/v1").getResources())
                .extracting(APIResource::getName)
                .contains("deployments", "deployments/status");
        assertThat(client.getApiGroups().getGroups())
                .extracting(g -> g.getName())
                .contains(
                        "apps",
                        "autoscaling",
                        "policy",
                        "networking.k8s.io",
                        "rbac.authorization.k8s.io",
                        "apiextensions.k8s.io",
                        "events.k8s.io",
                        "neoforge.io");
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
        assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("32");
    }

    @Test
    void samplesApplyFromTheClasspathAndAgain() {
        List<HasMetadata> first = server.applySamplesFromClasspath();
        List<HasMetadata> second = server.applySamplesFromClasspath(); // apply is idempotent
        assertThat(second).hasSameSizeAs(first);
        assertThat(plans().list().getItems()).hasSize((int)
                first.stream().filter(o -> o.getKind().equals("Plan")).count());
        assertThat(server.applyFromClasspath("no/such/dir")).isEmpty();
    }

    @Test
    void createGetListTenantAndPlanFromYaml() {
        createFromYaml(PLAN_YAML + "---\n" + TENANT_YAML);

        GenericKubernetesResource tenant = tenants().withName("acme").get();
        assertThat(tenant.getMetadata().getNamespace()).isNull();
        assertThat(tenant.getMetadata().getUid()).isNotBlank();
        assertThat(tenant.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(json(tenant).path("spec").path("plan").asText()).isEqualTo("starter");
        assertThat(tenants().list().getItems())
                .extracting(t -> t.getMetadata().getName())
                .containsExactly("acme");
        assertThat(json(plans().withName("starter").get())
                        .path("spec")
                        .path("displayName")
                        .asText())
                .isEqualTo("Starter");

        assertThatThrownBy(() -> createFromYaml(TENANT_YAML))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                });
        assertThatThrownBy(() -> tenants().withName("nope").edit(t -> t))
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void mergePatchReplacesArraysAndNullDeletes() {
        createFromYaml(TENANT_YAML);
        String status = """
        {"status":{"phase":"Provisioning","url":"https://acme.example","conditions":[
          {"type":"Ready","status":"False","reason":"Provisioning","message":"","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}
        """;
        tenants().withName("acme").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
        tenants().withName("acme").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), status);
        tenants()
                .withName("acme")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"url\":null}}");

        JsonNode s = json(tenants().withName("acme").get()).path("status");
        assertThat(s.path("conditions")).hasSize(1);
        assertThat(s.has("url")).isFalse();
        assertThat(s.path("phase").asText()).isEqualTo("Provisioning");

        tenants()
                .withName("acme")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"a\":\"1\",\"b\":\"2\"}},\"spec\":{\"admins\":[{\"name\":\"x\"},{\"name\":\"y\"}]}}");
        tenants()
                .withName("acme")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"a\":null}},\"spec\":{\"admins\":[{\"name\":\"z\"}]}}");
        GenericKubernetesResource t = tenants().withName("acme").get();
        assertThat(t.getMetadata().getLabels()).containsExactly(Map.entry("b", "2"));
        assertThat(json(t).path("spec").path("admins")).hasSize(1);
    }

    @Test
    void statusSubresourceSemanticsAndGeneration() {
        createFromYaml(TENANT_YAML);
        Resource<GenericKubernetesResource> acme = tenants().withName("acme");

        // status through /status: spec untouched, generation unchanged
        GenericKubernetesResource withStatus = acme.get();
        withStatus.setAdditionalProperty("status", Map.of("phase", "Ready"));
        ((Map<String, Object>) withStatus.getAdditionalProperties().get("spec")).put("plan", "ignored-by-status");
        acme.updateStatus(withStatus);
        GenericKubernetesResource afterStatus = acme.get();
        assertThat(json(afterStatus).path("status").path("phase").asText()).isEqualTo("Ready");
        assertThat(json(afterStatus).path("spec").path("plan").asText()).isEqualTo("starter");
        assertThat(afterStatus.getMetadata().getGeneration()).isEqualTo(1L);

        // main resource: status ignored, spec change bumps generation
        GenericKubernetesResource edited = acme.edit(r -> {
            r.setAdditionalProperty("status", Map.of("phase", "Hacked"));
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("plan", "pro");
            return r;
        });
        assertThat(json(edited).path("status").path("phase").asText()).isEqualTo("Ready");
        assertThat(json(edited).path("spec").path("plan").asText()).isEqualTo("pro");
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(2L);

        // metadata-only change: no generation bump
        GenericKubernetesResource labelled = acme.edit(r -> {
            r.getMetadata().setLabels(Map.of("x", "y"));
            return r;
        });
        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(2L);

        // built-in kinds with a status subresource behave the same: an update without status keeps it
        client.apps()
                .deployments()
                .inNamespace("default")
                .resource(deployment("web", 2))
                .create();
        client.apps()
                .deployments()
                .inNamespace("default")
                .withName("web")
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"readyReplicas\":2}}");
        client.apps().deployments().inNamespace("default").withName("web").edit(d -> {
            d.setStatus(null);
            d.getSpec().setReplicas(3);
            return d;
        });
        Deployment web = client.apps()
                .deployments()
                .inNamespace("default")
                .withName("web")
                .get();
        assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(web.getMetadata().getGeneration()).isEqualTo(2L);
        client.apps().deployments().inNamespace("default").withName("web").delete();
    }

    @Test
    void staleResourceVersionIsAConflict() {
        createFromYaml(TENANT_YAML);
        GenericKubernetesResource stale = tenants().withName("acme").get();
        tenants().withName("acme").edit(r -> {
            r.getMetadata().setLabels(Map.of("v", "2"));
            return r;
        });
        stale.getMetadata().setLabels(Map.of("v", "stale"));
        assertThatThrownBy(() -> tenants().resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
                });
        stale.setAdditionalProperty("status", Map.of("phase", "Ready"));
        assertThatThrownBy(() -> tenants().resource(stale).updateStatus())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void finalizersDelayDeletionUntilRemoved() {
        createFromYaml(TENANT_YAML);
        tenants().withName("acme").edit(r -> {
            r.getMetadata().setFinalizers(List.of("neoforge.io/finalizer"));
            return r;
        });
        tenants().withName("acme").delete();

        GenericKubernetesResource deleting = tenants().withName("acme").get();
        assertThat(deleting).isNotNull();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotBlank();

        // an update that does not mention deletionTimestamp cannot clear it
        tenants()
                .withName("acme")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertThat(tenants().withName("acme").get().getMetadata().getDeletionTimestamp())
                .isNotBlank();

        tenants().withName("acme").edit(r -> {
            r.getMetadata().setFinalizers(List.of());
            return r;
        });
        await().until(() -> tenants().withName("acme").get() == null);
    }

    @Test
    void namespacesTerminateAndRefuseNewContent() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("doomed")
                        .endMetadata()
                        .build())
                .create();
        assertThat(client.namespaces().withName("doomed").get().getStatus().getPhase())
                .isEqualTo("Active");
        client.namespaces().withName("doomed").delete();
        assertThat(client.namespaces().withName("doomed").get().getStatus().getPhase())
                .isEqualTo("Terminating");
        assertThatThrownBy(() -> client.configMaps()
                        .inNamespace("doomed")
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("x")
                                .endMetadata()
                                .build())
                        .create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(403));
        assertThatThrownBy(() -> client.configMaps()
                        .inNamespace("nowhere")
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("x")
                                .endMetadata()
                                .build())
                        .create())
                .isInstanceOfSatisfying(
                        KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void protobufIsRefusedWith415() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x6b, 0x38, 0x73, 0}))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(Serialization.jsonMapper().readTree(r.body()).path("reason").asText())
                .isEqualTo("UnsupportedMediaType");
    }

    @Test
    void tableResponseUsesPrinterColumns() throws Exception {
        createFromYaml(TENANT_YAML);
        tenants().withName("acme").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), """
        {"status":{"phase":"Ready","conditions":[
          {"type":"Synced","status":"False","reason":"X","message":"","lastTransitionTime":"2025-01-01T00:00:00Z"},
          {"type":"Ready","status":"True","reason":"Provisioned","message":"","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}
        """);
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/apis/neoforge.io/v1alpha1/tenants"))
                                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode table = Serialization.jsonMapper().readTree(r.body());
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
        assertThat(columns).first().isEqualTo("Name");
        assertThat(columns).contains("Plan", "Ready", "Phase", "Age", "Reason");
        JsonNode reason = null;
        for (JsonNode c : table.path("columnDefinitions")) {
            if (c.path("name").asText().equals("Reason")) {
                reason = c;
            }
        }
        assertThat(reason.path("priority").asInt()).isEqualTo(1);
        JsonNode cells = table.path("rows").path(0).path("cells");
        assertThat(cells.path(0).asText()).isEqualTo("acme");
        assertThat(cells.get(columns.indexOf("Plan")).asText()).isEqualTo("starter");
        assertThat(cells.get(columns.indexOf("Ready")).asText()).isEqualTo("True");
        assertThat(cells.get(columns.indexOf("Reason")).asText()).isEqualTo("Provisioned");
        assertThat(cells.get(columns.indexOf("Phase")).asText()).isEqualTo("Ready");
        assertThat(cells.get(columns.indexOf("Age")).asText()).matches("\\d+[smhdy].*");
        assertThat(table.path("rows")
                        .path(0)
                        .path("object")
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("acme");
    }

    @Test
    void strategicMergeAndServerSideApply() {
        client.apps()
                .deployments()
                .inNamespace("default")
                .resource(deployment("api", 1))
                .create();
        client.apps()
                .deployments()
                .inNamespace("default")
                .withName("api")
                .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
                                + "\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}");
        Deployment api = client.apps()
                .deployments()
                .inNamespace("default")
                .withName("api")
                .get();
        assertThat(api.getSpec().getTemplate().getSpec().getContainers())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.getImage()).isEqualTo("nginx:2");
                    assertThat(c.getPorts()).hasSize(1); // kept: merged by name, not replaced
                });
        client.apps().deployments().inNamespace("default").withName("api").delete();

        GenericKubernetesResource applied = (GenericKubernetesResource)
                client.load(new ByteArrayInputStream(TENANT_YAML.getBytes(StandardCharsets.UTF_8)))
                        .items()
                        .get(0);
        tenants().resource(applied).fieldManager("test").forceConflicts().serverSideApply();
        ((Map<String, Object>) applied.getAdditionalProperties().get("spec")).put("plan", "pro");
        GenericKubernetesResource result = tenants()
                .resource(applied)
                .fieldManager("test")
                .forceConflicts()
                .serverSideApply();
        assertThat(json(result).path("spec").path("plan").asText()).isEqualTo("pro");
        assertThat(result.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void admissionHookDefaultsAndRefuses() {
        server.setAdmission((operation, crd, object, old) -> {
            if ("bad".equals(object.path("spec").path("plan").asText())) {
                return new AdmissionResult(
                        false,
                        null,
                        422,
                        "Invalid",
                        "spec.plan: Unsupported value: \"bad\"",
                        List.of("spec.plan: Unsupported value: \"bad\""));
            }
            ObjectNode defaulted = object.deepCopy();
            ((ObjectNode) defaulted.with("spec")).put("deletionPolicy", "Retain");
            return new AdmissionResult(true, defaulted, 200, null, null, List.of());
        });
        createFromYaml(TENANT_YAML);
        assertThat(json(tenants().withName("acme").get())
                        .path("spec")
                        .path("deletionPolicy")
                        .asText())
                .isEqualTo("Retain");

        assertThatThrownBy(() -> tenants()
                        .withName("acme")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"plan\":\"bad\"}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                    assertThat(e.getStatus().getMessage())
                            .isEqualTo("Tenant.neoforge.io \"acme\" is invalid: spec.plan: Unsupported value: \"bad\"");
                    assertThat(e.getStatus().getDetails().getCauses())
                            .singleElement()
                            .satisfies(c -> assertThat(c.getField()).isEqualTo("spec.plan"));
                });
        assertThat(json(tenants().withName("acme").get())
                        .path("spec")
                        .path("plan")
                        .asText())
                .isEqualTo("starter");
    }

    @Test
    void fabric8WatchesOverWebSocketStillWork() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch ignored = tenants().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                // closed by the test
            }
        })) {
            createFromYaml(TENANT_YAML);
            await().until(() -> events.contains("ADDED acme"));
            tenants().withName("acme").delete();
            await().until(() -> events.contains("DELETED acme"));
        }
    }

    @Test
    void fieldSelectorsFilterLists() {
        createFromYaml(TENANT_YAML);
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                        .withNewMetadata()
                        .withName("acme.1")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Tenant")
                        .withName("acme")
                        .withApiVersion("neoforge.io/v1alpha1")
                        .endInvolvedObject()
                        .withReason("Provisioning")
                        .withMessage("m")
                        .build())
                .create();
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                        .withNewMetadata()
                        .withName("other.1")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Tenant")
                        .withName("other")
                        .endInvolvedObject()
                        .withReason("Provisioning")
                        .withMessage("m")
                        .build())
                .create();
        assertThat(client.v1()
                        .events()
                        .inAnyNamespace()
                        .withField("involvedObject.name", "acme")
                        .list()
                        .getItems())
                .extracting(e -> e.getMetadata().getName())
                .containsExactly("acme.1");
        client.v1().events().inNamespace("default").delete();
    }

    @Test
    void systemPropertiesPointAnAutoConfiguredFabric8ClientAtTheServer() {
        Map<String, String> props = server.clientSystemProperties();
        Map<String, String> previous = new java.util.HashMap<>();
        props.forEach((k, v) -> previous.put(k, System.getProperty(k)));
        try {
            props.forEach(System::setProperty);
            io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.autoConfigure(null);
            assertThat(config.getMasterUrl()).startsWith(server.url());
            try (KubernetesClient auto = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                    .withConfig(config)
                    .build()) {
                assertThat(auto.namespaces().withName("default").get()).isNotNull();
                assertThat(auto.getNamespace()).isEqualTo("default");
            }
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("nginx:1")
                .addNewPort()
                .withContainerPort(80)
                .endPort()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}
