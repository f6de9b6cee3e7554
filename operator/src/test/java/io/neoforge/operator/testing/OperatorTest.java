package io.neoforge.operator.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.testsupport.ClusterCleanup;
import io.neoforge.testsupport.PostgresTestResource;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the operator's {@code @QuarkusTest}s: the operator runs against the sandbox API server (or the real cluster
 * {@code NEOFORGE_TEST_KUBECONFIG} names) and a real PostgreSQL, shared by every test class so Quarkus starts once;
 * plan {@code basic} exists. Each test leaves the API server as it found it: the Tenants, Plans and tenant or test
 * namespaces it created are deleted after it, through the operator (its finalizer), as a user would delete them.
 * Tenant names are unique across test classes.
 */
@QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
public abstract class OperatorTest {

    @Inject
    protected KubernetesClient client;

    protected Cluster cluster;

    private ClusterCleanup.Snapshot before;

    @BeforeEach
    void createBasicPlan() {
        cluster = new Cluster(client);
        before = ClusterCleanup.snapshot(client);
        cluster.plan("basic", 1, 3, "2");
    }

    /** Runs after the subclass's own {@code @AfterEach} methods (which may restore the database or a CRD first). */
    @AfterEach
    void deleteWhatTheTestCreated() {
        if (before != null) {
            ClusterCleanup.deleteCreatedSince(client, before, true, Cluster.TIMEOUT);
        }
    }
}
