package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real kubectl (1.32, /usr/bin/kubectl) against the sandbox API server, as a user would. */
class KubectlCompatibilityTest {

    static final Path KUBECTL = Path.of(System.getProperty("neoforge.kubectl", "/usr/bin/kubectl"));
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static SandboxApiServer server;
    static KubernetesClient client;

    @TempDir
    static Path dir;

    static Path kubeconfig;

    record Result(int exitCode, String out, String err) {
        Result ok() {
            assertThat(exitCode)
                    .as("kubectl failed: stdout=%s stderr=%s", out, err)
                    .isZero();
            return this;
        }
    }

    @BeforeAll
    static void start() {
        if (!Files.isExecutable(KUBECTL)) {
            fail("kubectl is required for this test and was not found at " + KUBECTL
                    + " (install kubectl 1.32 there or pass -Dneoforge.kubectl=/path/to/kubectl)");
        }
        server = new SandboxApiServer().start();
        server.applyCrdsFromClasspath();
        client = server.client();
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void cleanUp() {
        server.setAdmission(null);
        client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant").delete();
        client.genericKubernetesResources("neoforge.io/v1alpha1", "Plan").delete();
    }

    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                KUBECTL.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("cache").toString(),
                "--request-timeout",
                "20s"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Process launch(String... args) throws IOException {
        String id = Long.toString(System.nanoTime());
        return new ProcessBuilder(command(args))
                .redirectOutput(dir.resolve(id + ".out").toFile())
                .redirectError(dir.resolve(id + ".err").toFile())
                .start();
    }

    static Result kubectl(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command(args))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    static void setReady(String tenant) {
        client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .withName(tenant)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), """
            {"status":{"phase":"Ready","url":"https://acme.example","conditions":[{"type":"Ready","status":"True",
             "reason":"Provisioned","message":"all good","lastTransitionTime":"2025-01-01T00:00:00Z"}]}}
            """);
    }

    static final String CM_A = """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: owned
        namespace: default
      data:
        a: "1"
        b: "1"
      """;

    private static String managedFields(String name) throws Exception {
        return kubectl(
                        "get",
                        "configmap",
                        name,
                        "-n",
                        "default",
                        "--show-managed-fields",
                        "-o",
                        "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}={.fieldsV1}{\"\\n\"}{end}")
                .ok()
                .out();
    }

    @Test
    void serverSideApplyReportsConflictsAndForceTakesTheFieldOver() throws Exception {
        Path mine = file("owned.yaml", CM_A);
        assertThat(kubectl("apply", "--server-side", "-f", mine.toString()).ok().out())
                .contains("configmap/owned serverside-applied");
        Path theirs = file("theirs.yaml", CM_A.replace("a: \"1\"", "a: \"2\"").replace("  b: \"1\"\n", ""));
        Result conflict = kubectl("apply", "--server-side", "--field-manager=gitops", "-f", theirs.toString());
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.a");
        assertThat(kubectl("get", "cm", "owned", "-n", "default", "-o", "jsonpath={.data.a}")
                        .ok()
                        .out())
                .isEqualTo("1");

        kubectl("apply", "--server-side", "--field-manager=gitops", "--force-conflicts", "-f", theirs.toString())
                .ok();
        assertThat(kubectl("get", "cm", "owned", "-n", "default", "-o", "jsonpath={.data.a}")
                        .ok()
                        .out())
                .isEqualTo("2");
        assertThat(managedFields("owned"))
                .contains("gitops/Apply={\"f:data\":{\"f:a\":{}}}")
                .contains("kubectl/Apply={\"f:data\":{\"f:b\":{}}}");

        // the first manager agrees on a (co-owned, no conflict) and stops applying b: nobody else owns b, so it goes
        kubectl(
                        "apply",
                        "--server-side",
                        "-f",
                        file("mine2.yaml", CM_A.replace("a: \"1\"", "a: \"2\"").replace("  b: \"1\"\n", ""))
                                .toString())
                .ok();
        assertThat(kubectl("get", "cm", "owned", "-n", "default", "-o", "jsonpath={.data}")
                        .ok()
                        .out())
                .isEqualTo("{\"a\":\"2\"}");
        client.configMaps().inNamespace("default").withName("owned").delete();
    }

    @Test
    void clientSideApplyPatchAndEditOwnWhatTheyChange() throws Exception {
        Path f = file("csa.yaml", CM_A.replace("name: owned", "name: edited"));
        kubectl("apply", "-f", f.toString()).ok();
        kubectl(
                        "apply",
                        "-f",
                        file(
                                        "csa.yaml",
                                        CM_A.replace("name: owned", "name: edited")
                                                .replace("  b: \"1\"\n", ""))
                                .toString())
                .ok();
        assertThat(kubectl("get", "cm", "edited", "-n", "default", "-o", "jsonpath={.data}")
                        .ok()
                        .out())
                .as("client-side apply removes what the file no longer has")
                .isEqualTo("{\"a\":\"1\"}");

        kubectl("patch", "cm", "edited", "-n", "default", "--type=merge", "-p", "{\"data\":{\"c\":\"3\"}}")
                .ok();
        kubectl(
                        "patch",
                        "cm",
                        "edited",
                        "-n",
                        "default",
                        "--type=json",
                        "-p",
                        "[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"4\"}]")
                .ok();
        Path editor = Files.writeString(dir.resolve("editor.sh"), "#!/bin/sh\nsed -i 's/c: \"3\"/c: \"5\"/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        Result edit = run(Map.of("KUBE_EDITOR", editor.toString()), "edit", "cm", "edited", "-n", "default");
        assertThat(edit.exitCode())
                .as("kubectl edit: %s %s", edit.out(), edit.err())
                .isZero();
        assertThat(kubectl("get", "cm", "edited", "-n", "default", "-o", "jsonpath={.data}")
                        .ok()
                        .out())
                .isEqualTo("{\"a\":\"4\",\"c\":\"5\"}");
        assertThat(managedFields("edited"))
                .contains("kubectl-client-side-apply/Update=")
                .contains("kubectl-patch/Update={\"f:data\":{\"f:a\":{}}}")
                .contains("kubectl-edit/Update={\"f:data\":{\"f:c\":{}}}");
        client.configMaps().inNamespace("default").withName("edited").delete();
    }

    static Result run(Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb =
                new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT);
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void malformedNamesPathsAndBodiesGetTheApiServersStatusAnswers() throws Exception {
        server.setAdmission(new io.neoforge.sandbox.admission.SchemaAdmission());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        record Call(String method, String path, String contentType, String body, int status) {}
        String longName = "x".repeat(300);
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/namespaces/default/configmaps/bad%20name", null, null, 404),
                new Call("GET", "/api/v1/nonsense", null, null, 404),
                new Call("GET", "/apis/neoforge.io/v1alpha1/tenants/acme%20corp", null, null, 404),
                new Call("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{not json", 400),
                new Call("POST", "/api/v1/namespaces/default/configmaps", "application/json", "[1,2]", 400),
                new Call(
                        "POST",
                        "/api/v1/namespaces/default/configmaps",
                        "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}",
                        422),
                new Call(
                        "POST",
                        "/api/v1/namespaces/default/configmaps",
                        "application/json",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + longName + "\"}}",
                        422),
                new Call(
                        "POST",
                        "/apis/neoforge.io/v1alpha1/tenants",
                        "application/json",
                        "{\"apiVersion\":\"neoforge.io/v1alpha1\",\"kind\":\"Tenant\",\"metadata\":{\"name\":\"acme corp\"},"
                                + "\"spec\":{\"plan\":\"starter\"}}",
                        422),
                new Call(
                        "PATCH",
                        "/api/v1/namespaces/default/configmaps/cm?fieldManager=x",
                        "application/apply-patch+yaml",
                        "- a\n- b\n",
                        400),
                new Call(
                        "PATCH",
                        "/api/v1/namespaces/default/configmaps/cm?fieldManager=x",
                        "application/apply-patch+yaml",
                        "data: [unclosed",
                        400),
                new Call(
                        "PATCH",
                        "/api/v1/namespaces/default/configmaps/missing",
                        "application/merge-patch+json",
                        "{\"data\":{}}",
                        404),
                new Call("DELETE", "/api/v1/namespaces/default/configmaps/" + longName, null, null, 404));
        for (Call c : calls) {
            java.net.http.HttpRequest.Builder r =
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + c.path()));
            if (c.contentType() != null) {
                r.header("Content-Type", c.contentType());
            }
            r.method(
                    c.method(),
                    c.body() == null
                            ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(c.body()));
            java.net.http.HttpResponse<String> response =
                    http.send(r.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s %s: %s", c.method(), c.path(), response.body())
                    .isEqualTo(c.status());
            assertThat(response.body()).as("%s %s", c.method(), c.path()).contains("\"kind\":\"Status\"");
        }
    }

    @Test
    void getShowsPrinterColumns() throws Exception {
        Path f = file("tenant.yaml", SandboxApiServerTest.TENANT_YAML);
        kubectl("apply", "-f", f.toString()).ok();
        setReady("acme");

        String out = kubectl("get", "tenants").ok().out();
        String header = out.lines().findFirst().orElseThrow();
        assertThat(header).contains("NAME", "PLAN", "READY", "PHASE", "AGE").doesNotContain("REASON");
        assertThat(out).containsPattern("acme\\s+.*starter").contains("True", "Ready");

        String wide = kubectl("get", "tn", "-o", "wide").ok().out();
        assertThat(wide.lines().findFirst().orElseThrow()).contains("REASON");
        assertThat(wide).contains("Provisioned");

        assertThat(kubectl("get", "tenant", "acme", "-o", "jsonpath={.spec.plan}")
                        .ok()
                        .out())
                .isEqualTo("starter");
    }

    @Test
    void getByCategoryListsAllNeoforgeKinds() throws Exception {
        Path f = file("both.yaml", SandboxApiServerTest.PLAN_YAML + "---\n" + SandboxApiServerTest.TENANT_YAML);
        kubectl("apply", "-f", f.toString()).ok();
        String out = kubectl("get", "neoforge").ok().out();
        assertThat(out).contains("tenant.neoforge.io/acme", "plan.neoforge.io/starter");
        assertThat(kubectl("get", "nfplan").ok().out()).contains("starter", "Starter");
    }

    @Test
    void applyCreatesThenUpdatesTheSameFile() throws Exception {
        Path f = file("apply.yaml", SandboxApiServerTest.TENANT_YAML);
        assertThat(kubectl("apply", "-f", f.toString()).ok().out()).contains("tenant.neoforge.io/acme created");
        assertThat(kubectl("apply", "-f", f.toString()).ok().out()).contains("tenant.neoforge.io/acme unchanged");
        file("apply.yaml", SandboxApiServerTest.TENANT_YAML.replace("starter", "pro"));
        assertThat(kubectl("apply", "-f", f.toString()).ok().out()).contains("tenant.neoforge.io/acme configured");
        GenericKubernetesResource t = client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .withName("acme")
                .get();
        assertThat(t.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(t.getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/last-applied-configuration");
    }

    @Test
    void serverSideApply() throws Exception {
        Path f = file("ssa.yaml", SandboxApiServerTest.TENANT_YAML);
        assertThat(kubectl("apply", "--server-side", "-f", f.toString()).ok().out())
                .contains("tenant.neoforge.io/acme serverside-applied");
        file("ssa.yaml", SandboxApiServerTest.TENANT_YAML.replace("starter", "pro"));
        assertThat(kubectl("apply", "--server-side", "-f", f.toString()).ok().out())
                .contains("serverside-applied");
        assertThat(kubectl("get", "tn", "acme", "-o", "jsonpath={.spec.plan}")
                        .ok()
                        .out())
                .isEqualTo("pro");
    }

    @Test
    void describeShowsSpecStatusAndEvents() throws Exception {
        kubectl("apply", "-f", file("d.yaml", SandboxApiServerTest.TENANT_YAML).toString())
                .ok();
        setReady("acme");
        GenericKubernetesResource t = client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .withName("acme")
                .get();
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName("acme.provisioned")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withKind("Tenant")
                        .withName("acme")
                        .withUid(t.getMetadata().getUid())
                        .endInvolvedObject()
                        .withType("Normal")
                        .withReason("Provisioned")
                        .withMessage("Tenant acme is ready")
                        .withFirstTimestamp(t.getMetadata().getCreationTimestamp())
                        .withLastTimestamp(t.getMetadata().getCreationTimestamp())
                        .withCount(1)
                        .withNewSource()
                        .withComponent("neoforge-operator")
                        .endSource()
                        .build())
                .create();
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName("other.event")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Tenant")
                        .withName("other")
                        .endInvolvedObject()
                        .withType("Normal")
                        .withReason("Unrelated")
                        .withMessage("not about acme")
                        .build())
                .create();

        // an events.k8s.io/v1 Event (what newer recorders write) shows too, as on a real API server
        client.events()
                .v1()
                .events()
                .inNamespace("default")
                .resource(new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                        .withNewMetadata()
                        .withName("acme.suspended")
                        .endMetadata()
                        .withNewRegarding()
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withKind("Tenant")
                        .withName("acme")
                        .withUid(t.getMetadata().getUid())
                        .endRegarding()
                        .withType("Warning")
                        .withReason("Suspended")
                        .withNote("Billing grace period is over")
                        .withAction("Suspend")
                        .withReportingController("neoforge.io/operator")
                        .withReportingInstance("op-1")
                        .withEventTime(new io.fabric8.kubernetes.api.model.MicroTime(
                                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
                                        .withZone(java.time.ZoneOffset.UTC)
                                        .format(java.time.Instant.now())))
                        .build())
                .create();

        String out = kubectl("describe", "tenant", "acme").ok().out();
        assertThat(out)
                .contains(
                        "Name:         acme",
                        "Plan:",
                        "starter",
                        "Phase:",
                        "Ready",
                        "Events:",
                        "Provisioned",
                        "Tenant acme is ready",
                        "Suspended",
                        "Billing grace period is over")
                .doesNotContain("Unrelated");
        client.v1().events().inNamespace("default").delete();
        client.events().v1().events().inNamespace("default").delete();
    }

    @Test
    void waitReturnsOnceAnotherClientSetsReady() throws Exception {
        kubectl("apply", "-f", file("w.yaml", SandboxApiServerTest.TENANT_YAML).toString())
                .ok();
        int watchesBefore = server.openHttpWatches();
        Process wait = launch("wait", "--for=condition=Ready", "tenant/acme", "--timeout=30s");
        CompletableFuture<Void> setter = CompletableFuture.runAsync(() -> {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> server.openHttpWatches() > watchesBefore || !wait.isAlive());
            setReady("acme");
        });
        assertThat(wait.waitFor(40, TimeUnit.SECONDS))
                .as("kubectl wait finished")
                .isTrue();
        setter.get(5, TimeUnit.SECONDS);
        assertThat(wait.exitValue()).as("kubectl wait exit code").isZero();
    }

    @Test
    void getWatchStreamsChanges() throws Exception {
        kubectl("apply", "-f", file("gw.yaml", SandboxApiServerTest.TENANT_YAML).toString())
                .ok();
        int watchesBefore = server.openHttpWatches();
        Path out = dir.resolve("watch.out");
        Process watch = new ProcessBuilder(command("get", "tenants", "-w"))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("watch.err").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> server.openHttpWatches() > watchesBefore);
            setReady("acme");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(out).contains("Ready"));
            assertThat(Files.readString(out).lines().findFirst().orElseThrow()).contains("NAME", "PHASE");
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void deleteRemovesTheTenant() throws Exception {
        kubectl(
                        "apply",
                        "-f",
                        file("del.yaml", SandboxApiServerTest.TENANT_YAML).toString())
                .ok();
        assertThat(kubectl("delete", "tenant", "acme").ok().out()).contains("tenant.neoforge.io \"acme\" deleted");
        Result missing = kubectl("get", "tenant", "acme");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("NotFound", "tenants.neoforge.io \"acme\" not found");
    }

    @Test
    void deleteWithFinalizerWaitsUntilTheFinalizerIsRemoved() throws Exception {
        kubectl(
                        "apply",
                        "-f",
                        file(
                                        "fin.yaml",
                                        SandboxApiServerTest.TENANT_YAML.replace(
                                                "  name: acme\n",
                                                "  name: acme\n  finalizers: [neoforge.io/finalizer]\n"))
                                .toString())
                .ok();
        int watchesBefore = server.openHttpWatches();
        Process delete = launch("delete", "tenant", "acme", "--timeout=30s");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> server.openHttpWatches() > watchesBefore || !delete.isAlive());
        assertThat(delete.isAlive())
                .as("kubectl delete waits for the finalizer")
                .isTrue();
        assertThat(client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                        .withName("acme")
                        .get()
                        .getMetadata()
                        .getDeletionTimestamp())
                .isNotBlank();
        client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                .withName("acme")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        assertThat(delete.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delete.exitValue()).isZero();
    }

    @Test
    void admissionRefusalsAreShownByKubectl() throws Exception {
        server.setAdmission(new io.neoforge.sandbox.admission.SchemaAdmission());
        Path bad = file("bad.yaml", SandboxApiServerTest.TENANT_YAML.replace("name: acme", "name: Bad"));
        Result refused = kubectl("apply", "-f", bad.toString());
        assertThat(refused.exitCode()).isNotZero();
        // kubectl formats a 422 with causes itself, as it does against a real API server
        assertThat(refused.err()).contains("The Tenant \"Bad\" is invalid:", "* metadata.name: Invalid value: \"Bad\"");
        assertThat(client.genericKubernetesResources("neoforge.io/v1alpha1", "Tenant")
                        .withName("Bad")
                        .get())
                .isNull();

        kubectl(
                        "apply",
                        "-f",
                        file("good.yaml", SandboxApiServerTest.TENANT_YAML).toString())
                .ok();
        assertThat(kubectl("get", "tenant", "acme", "-o", "jsonpath={.spec.plan}")
                        .ok()
                        .out())
                .isEqualTo("starter");
    }

    @Test
    void builtInsAndDiscovery() throws Exception {
        assertThat(kubectl("version", "-o", "json").ok().out()).contains("\"minor\": \"32\"");
        String resources = kubectl("api-resources").ok().out();
        assertThat(resources)
                .contains(
                        "tenants",
                        "tn",
                        "plans",
                        "deployments",
                        "horizontalpodautoscalers",
                        "poddisruptionbudgets",
                        "networkpolicies",
                        "ingresses",
                        "rolebindings",
                        "customresourcedefinitions");
        assertThat(kubectl("get", "ns").ok().out()).containsPattern("default\\s+Active");
        Path deploy = file("deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: app
                image: nginx:1
                ports: [{containerPort: 80}]
        """);
        kubectl("apply", "-f", deploy.toString()).ok();
        file("deploy.yaml", Files.readString(deploy).replace("nginx:1", "nginx:2"));
        assertThat(kubectl("apply", "-f", deploy.toString()).ok().out()).contains("configured");
        assertThat(kubectl(
                                "get",
                                "deploy",
                                "web",
                                "-o",
                                "jsonpath={.spec.template.spec.containers[0].ports[0].containerPort}")
                        .ok()
                        .out())
                .isEqualTo("80");
        assertThat(kubectl("explain", "tenant.spec.plan").ok().out()).contains("FIELD: plan");
        kubectl("delete", "-f", deploy.toString()).ok();
    }
}
