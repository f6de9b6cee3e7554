package io.neoforge.platform.testing;

import java.util.Map;

import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Kubernetes API of the tests: a {@link SandboxApiServer} with the committed CRDs and sample plans (starter, pro,
 * enterprise) applied and admission from the CRDs' schemas and CEL rules. No operator runs: a test that needs the
 * operator's effect (a status) writes it itself.
 */
public class SandboxApiServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SandboxApiServer server;
    private Map<String, String> systemProperties = Map.of();

    public static SandboxApiServer server() {
        SandboxApiServer s = server;
        if (s == null) {
            throw new IllegalStateException("SandboxApiServerResource is not started");
        }
        return s;
    }

    @Override
    public Map<String, String> start() {
        SandboxApiServer s = new SandboxApiServer().start();
        s.applyCrdsFromClasspath();
        s.setAdmission(new SchemaAdmission());
        s.applySamplesFromClasspath();
        server = s;
        // Quarkus builds its Fabric8 client from these when the application starts, after every test resource; its
        // own api-server-url settings are fixed at build time and cannot carry this port.
        systemProperties = Map.copyOf(s.clientSystemProperties());
        systemProperties.forEach(System::setProperty);
        return Map.of("quarkus.kubernetes-client.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        SandboxApiServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        systemProperties.keySet().forEach(System::clearProperty);
        systemProperties = Map.of();
    }
}
