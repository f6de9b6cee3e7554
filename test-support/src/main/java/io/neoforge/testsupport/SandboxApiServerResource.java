package io.neoforge.testsupport;

import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * For {@code @QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false)}: the
 * Kubernetes API server of the tests, described by {@link #cluster()}.
 *
 * <p>By default a {@link SandboxApiServer} (Fabric8's mock in CRUD mode behind a layer that behaves like a real API
 * server: status subresource, finalizers, namespace termination, server-side apply, 422 admission from the CRDs'
 * schemas and CEL rules), with the committed CRDs applied. No controllers run: a test that needs a controller's
 * effect writes that status itself (the operator's tests do it through their {@code Cluster} helper).
 *
 * <p>When {@value TestCluster#KUBECONFIG_ENV} (or the system property {@value TestCluster#KUBECONFIG_PROPERTY}) names a
 * kubeconfig ({@link TestCluster#configuredKubeconfig()} decides), no sandbox starts: the application's client is
 * pointed at that cluster, and before the application starts the CRDs of {@code manifests/crds} and, where the cluster
 * serves them, the ValidatingAdmissionPolicies of {@code manifests/base} are applied there with server-side apply
 * ({@link RealCluster}); what earlier runs left there is removed at the start and at the end
 * ({@link ClusterCleanup}).
 *
 * <p>With the init arg {@value #SAMPLES} set to {@code true}, the committed sample plans (starter, pro, enterprise)
 * are applied too:
 * {@code @QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false,
 * initArgs = @ResourceArg(name = SandboxApiServerResource.SAMPLES, value = "true"))}. A subclass can prepare the
 * sandbox further by overriding {@link #prepare(SandboxApiServer)} (not called against a real cluster).
 *
 * <p>Test fields of type {@link SandboxApiServer} are injected with the running sandbox (left null against a real
 * cluster: such tests skip themselves there).
 */
public class SandboxApiServerResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: {@code true} applies the committed sample plans after the CRDs. */
    public static final String SAMPLES = "samples";

    private static volatile SandboxApiServer server;
    private static volatile TestCluster cluster;
    private static volatile RealCluster realCluster;
    private final Supplier<Optional<Path>> kubeconfig;
    private Map<String, String> systemProperties = Map.of();
    private boolean samples;

    public SandboxApiServerResource() {
        this(TestCluster::configuredKubeconfig);
    }

    /** With the decision between sandbox and real cluster made by {@code kubeconfig} (for tests of this class). */
    SandboxApiServerResource(Supplier<Optional<Path>> kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** The sandbox API server of the running test resource. */
    public static SandboxApiServer server() {
        SandboxApiServer s = server;
        if (s == null) {
            throw new IllegalStateException(
                    cluster != null
                            ? "no sandbox API server: the tests run against the cluster of "
                                    + TestCluster.KUBECONFIG_ENV
                            : "SandboxApiServerResource is not started");
        }
        return s;
    }

    /** The API server the tests run against: the sandbox or a real cluster. */
    public static TestCluster cluster() {
        TestCluster c = cluster;
        if (c == null) {
            throw new IllegalStateException("SandboxApiServerResource is not started");
        }
        return c;
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
        Optional<Path> realClusterConfig = kubeconfig.get();
        if (realClusterConfig.isPresent()) {
            RealCluster real = new RealCluster(realClusterConfig.get(), RealCluster.projectRoot());
            try {
                cluster = real.prepare(samples);
            } catch (RuntimeException e) {
                real.close();
                throw e;
            }
            realCluster = real;
            systemProperties = Map.copyOf(real.clientSystemProperties());
        } else {
            SandboxApiServer s = new SandboxApiServer().start();
            s.applyCrdsFromClasspath();
            s.setAdmission(new SchemaAdmission());
            if (samples) {
                s.applySamplesFromClasspath();
            }
            prepare(s);
            server = s;
            cluster = new TestCluster(s.client(), null, false, false);
            systemProperties = Map.copyOf(s.clientSystemProperties());
        }
        // Quarkus builds its client with Config.autoConfigure, which reads these, when the application starts: after
        // every test resource has started. (quarkus.kubernetes-client.api-server-url and friends are fixed at build
        // time, so they cannot carry a port chosen now; Quarkus' own mock-server resource works the same way.)
        systemProperties.forEach(System::setProperty);

        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.kubernetes-client.devservices.enabled", "false");
        return config;
    }

    /**
     * Hook for subclasses: called once the sandbox runs with the CRDs, admission and (if asked for) the sample plans,
     * before the application starts. Does nothing by default. Not called against a real cluster.
     */
    protected void prepare(SandboxApiServer server) {}

    @Override
    public void inject(TestInjector testInjector) {
        SandboxApiServer s = server;
        if (s != null) {
            testInjector.injectIntoFields(s, new TestInjector.MatchesType(SandboxApiServer.class));
        }
    }

    @Override
    public void stop() {
        SandboxApiServer s = server;
        RealCluster real = realCluster;
        server = null;
        realCluster = null;
        cluster = null;
        try {
            if (s != null) {
                s.close();
            }
            if (real != null) {
                try {
                    // the application has stopped: what a test did not clean up goes now, finalizers and all
                    real.sweep("the tests");
                } finally {
                    real.close();
                }
            }
        } finally {
            systemProperties.keySet().forEach(System::clearProperty);
            systemProperties = Map.of();
        }
    }
}
