package io.neoforge.operator.testing;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.testsupport.PostgresTestResource;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Base of the operator's {@code @QuarkusTest}s: the operator runs against the sandbox API server and a
 * real PostgreSQL, shared by every test class so Quarkus starts once; plan {@code basic} exists.
 */
@QuarkusTestResource(value = SandboxApiServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
public abstract class OperatorTest {

    @Inject
    protected KubernetesClient client;

    protected Cluster cluster;

    @BeforeEach
    void createBasicPlan() {
        cluster = new Cluster(client);
        cluster.plan("basic", 1, 3, "2");
    }
}
