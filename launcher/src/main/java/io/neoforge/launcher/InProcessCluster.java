package io.neoforge.launcher;

import io.neoforge.sandbox.ClusterSimulator;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster of the sandbox, in the launcher's JVM: the Kubernetes API server with the CRDs' validation, the CRDs and
 * the sample plans applied, and the simulator that plays the controllers a real cluster has (Deployments become
 * available, namespaces empty and go).
 */
final class InProcessCluster implements AutoCloseable {
    private final SandboxApiServer apiServer;
    private final ClusterSimulator simulator;
    private final Path kubeconfig;

    private InProcessCluster(SandboxApiServer apiServer, ClusterSimulator simulator, Path kubeconfig) {
        this.apiServer = apiServer;
        this.simulator = simulator;
        this.kubeconfig = kubeconfig;
    }

    static InProcessCluster start(int port, Path kubeconfigFile) {
        SandboxApiServer apiServer = new SandboxApiServer(port).start();
        try {
            apiServer.setAdmission(new SchemaAdmission());
            apiServer.applyCrdsFromClasspath();
            apiServer.applySamplesFromClasspath();
            Path kubeconfig = apiServer.writeKubeconfig(kubeconfigFile);
            ClusterSimulator simulator = new ClusterSimulator(apiServer.newClient()).start();
            return new InProcessCluster(apiServer, simulator, kubeconfig);
        } catch (RuntimeException e) {
            apiServer.close();
            throw e;
        }
    }

    String url() {
        return apiServer.url();
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    /** The system properties that point a Fabric8 client, such as the one in each application, at this server. */
    Map<String, String> clientSystemProperties() {
        return apiServer.clientSystemProperties();
    }

    boolean acceptsConnections() {
        return Http.answers200(apiServer.url() + "/version");
    }

    @Override
    public void close() {
        simulator.close();
        apiServer.close();
    }
}
