package io.neoforge.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoforge.operator.testing.Cluster;
import io.neoforge.sandbox.ClusterSimulator;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.testsupport.PostgresTestResource;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through, driven with the real kubectl and psql against the operator, the
 * in-process API server and the cluster simulator, exactly as a user drives the sandbox.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
class SandboxWalkthroughTest {
    private static final Path REPO = Path.of(System.getProperty("project.root", ".."));

    ClusterSimulator simulator;
    Path kubeconfig;

    @BeforeEach
    void startSimulator() throws IOException {
        Cluster.assumeSandbox("it is the README's walk-through of the sandbox: kubectl against the in-process API "
                + "server's kubeconfig, with the sandbox's cluster simulator playing the controllers");
        SandboxApiServer server = SandboxApiServerResource.server();
        simulator = new ClusterSimulator(server.newClient()).start();
        kubeconfig = server.writeKubeconfig(
                Files.createTempDirectory("neoforge-walkthrough").resolve("kubeconfig"));
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void readmeWalkthroughWorksWithKubectlAndPsql() throws Exception {
        assertThat(kubectl("apply", "-f", "manifests/samples/plans.yaml")).contains("plan.neoforge.io/starter");
        assertThat(kubectl("get", "plans")).contains("starter", "pro", "enterprise");

        assertThat(kubectl("apply", "-f", "docs/examples/tenant-acme.yaml"))
                .contains("tenant.neoforge.io/acme created");
        assertThat(kubectl("wait", "--for=condition=Ready", "tenant/acme", "--timeout=60s"))
                .contains("condition met");

        String tenants = kubectl("get", "tenants");
        assertThat(tenants.lines().findFirst().orElseThrow())
                .containsSubsequence("NAME", "PHASE", "PLAN", "URL", "READY", "AGE");
        assertThat(tenants).containsPattern("acme\\s+Ready\\s+starter\\s+https://acme\\.\\S+\\s+True");
        assertThat(kubectl("get", "neoforge")).contains("tenant.neoforge.io/acme", "plan.neoforge.io/starter");

        String described = kubectl("describe", "tenant", "acme");
        assertThat(described).contains("DatabaseReady", "Provisioned");
        assertThat(kubectl("get", "deployments,services,secrets,ingresses", "-n", "tenant-acme"))
                .contains("deployment.apps/app", "secret/neoforge-db", "ingress.networking.k8s.io/app");

        String schemas = run(List.of(
                "psql",
                TestPostgres.get().psqlUrl(),
                "-tAc",
                "SELECT nspname || ':' || pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'tenant_acme'"));
        assertThat(schemas.trim()).isEqualTo("tenant_acme:tenant_acme");

        assertThat(kubectl("delete", "tenant", "acme", "--timeout=60s")).contains("deleted");
        assertThat(kubectl("get", "tenants")).doesNotContain("acme");
        // The simulator plays the namespace controller: the namespace empties and goes.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kubectl("get", "namespaces")).doesNotContain("tenant-acme"));
    }

    private String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 90 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(String.join(" ", command) + " failed:\n" + output)
                .isZero();
        return output;
    }
}
