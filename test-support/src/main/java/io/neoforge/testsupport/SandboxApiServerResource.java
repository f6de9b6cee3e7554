package io.neoforge.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * For {@code @QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false)}: the
 * application talks to a {@link SandboxApiServer} (Fabric8's mock in CRUD mode behind a layer that behaves like a real
 * API server: status subresource, finalizers, namespace termination, 422 admission from the CRDs' schemas and CEL
 * rules), with the committed CRDs applied. No controllers run: a test that needs a controller's effect writes that
 * status itself (the operator's tests do it through their {@code Cluster} helper).
 *
 * <p>With the init arg {@value #SAMPLES} set to {@code true}, the committed sample plans (starter, pro, enterprise)
 * are applied too:
 * {@code @QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false,
 * initArgs = @ResourceArg(name = SandboxApiServerResource.SAMPLES, value = "true"))}. A subclass can prepare the
 * server further by overriding {@link #prepare(SandboxApiServer)}.
 *
 * <p>Test fields of type {@link SandboxApiServer} are injected with the running server.
 */
public class SandboxApiServerResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code true} applies the committed sample plans after the CRDs. */
    public static final String SAMPLES = "samples";

    private static volatile SandboxApiServer server;
    private Map<String, String> systemProperties = Map.of();
    private boolean samples;

    /** The server of the running test resource. */
    public static SandboxApiServer server() {
        SandboxApiServer s = server;
        if (s == null) {
            throw new IllegalStateException("SandboxApiServerResource is not started");
        }
        return s;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs == null ? null : initArgs.get(SAMPLES);
        if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("init arg " + SAMPLES + " must be true or false, not '" + value + "'");
        }
        samples = Boolean.parseBoolean(value);
    }

    @Override
    public Map<String, String> start() {
        SandboxApiServer s = new SandboxApiServer().start();
        s.applyCrdsFromClasspath();
        s.setAdmission(new SchemaAdmission());
        if (samples) {
            s.applySamplesFromClasspath();
        }
        prepare(s);
        server = s;
        // Quarkus builds its client with Config.autoConfigure, which reads these, when the application starts: after
        // every test resource has started. (quarkus.kubernetes-client.api-server-url and friends are fixed at build
        // time, so they cannot carry a port chosen now; Quarkus' own mock-server resource works the same way.)
        systemProperties = Map.copyOf(s.clientSystemProperties());
        systemProperties.forEach(System::setProperty);

        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.kubernetes-client.devservices.enabled", "false");
        return config;
    }

    /**
     * Hook for subclasses: called once the server runs with the CRDs, admission and (if asked for) the sample plans,
     * before the application starts. Does nothing by default.
     */
    protected void prepare(SandboxApiServer server) {
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server(), new TestInjector.MatchesType(SandboxApiServer.class));
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
