package io.neoforge.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Kubernetes API server the tests run against, as {@link SandboxApiServerResource} started it: the in-process
 * sandbox (the default), or the cluster a kubeconfig names ({@value #KUBECONFIG_ENV}, or the system property
 * {@value #KUBECONFIG_PROPERTY}). {@link #configuredKubeconfig()} is the one place that decides between them.
 */
public final class TestCluster {

    /** Environment variable naming the kubeconfig of a real API server to run the tests against. */
    public static final String KUBECONFIG_ENV = "NEOFORGE_TEST_KUBECONFIG";
    /** System property with the same meaning; it wins over the environment variable. */
    public static final String KUBECONFIG_PROPERTY = "neoforge.test.kubeconfig";

    private final KubernetesClient client;
    private final Path kubeconfig;
    private final boolean admissionPolicies;
    private final boolean deploymentController;

    TestCluster(KubernetesClient client, Path kubeconfig, boolean admissionPolicies, boolean deploymentController) {
        this.client = client;
        this.kubeconfig = kubeconfig;
        this.admissionPolicies = admissionPolicies;
        this.deploymentController = deploymentController;
    }

    /**
     * The kubeconfig of the real API server the tests are to use, or empty for the in-process sandbox. A value that
     * names no file fails rather than silently running against the sandbox.
     */
    public static Optional<Path> configuredKubeconfig() {
        return configuredKubeconfig(System.getenv(), System.getProperties());
    }

    static Optional<Path> configuredKubeconfig(Map<String, String> environment, Properties properties) {
        String source = KUBECONFIG_PROPERTY;
        String value = properties.getProperty(KUBECONFIG_PROPERTY);
        if (value == null || value.isBlank()) {
            source = KUBECONFIG_ENV;
            value = environment.get(KUBECONFIG_ENV);
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(value.trim()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(source + " names " + file + ", which is not a file: it should name the "
                    + "kubeconfig of the cluster to run the tests against (unset it to use the in-process sandbox)");
        }
        return Optional.of(file);
    }

    /** Whether this is a real API server (false: the in-process sandbox). */
    public boolean real() {
        return kubeconfig != null;
    }

    /** The kubeconfig of the real API server; empty for the sandbox. */
    public Optional<Path> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    /** A client for test code, talking to the same API server as the application. Shared: do not close it. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Whether the ValidatingAdmissionPolicies of {@code manifests/base} are in force: only on a real API server that
     * serves {@code admissionregistration.k8s.io/v1} ValidatingAdmissionPolicy (the sandbox has none).
     */
    public boolean admissionPolicies() {
        return admissionPolicies;
    }

    /**
     * Whether a Deployment controller runs (for instance on kind): it owns Deployment status, so tests wait for it
     * instead of writing that status themselves. False on the sandbox and on a bare kube-apiserver.
     */
    public boolean deploymentController() {
        return deploymentController;
    }
}
