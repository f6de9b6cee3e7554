package io.neoforge.platform.testing;

import static io.restassured.RestAssured.given;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.common.StatusConditions;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import io.neoforge.api.v1alpha1.tenant.TenantPhase;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.api.v1alpha1.tenant.TenantStatus;
import io.neoforge.testsupport.ClusterCleanup;
import io.neoforge.testsupport.PostgresTestResource;
import io.neoforge.testsupport.SandboxApiServerResource;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the platform API's tests: one application for all test classes, against the sandbox API server (or the real
 * cluster {@code NEOFORGE_TEST_KUBECONFIG} names), a real PostgreSQL and a test key pair. Each test gets its own client address (X-Forwarded-For) and request ids, so rate
 * limits and audit rows of one test never touch another's.
 */
// The sandbox API server with the sample plans (starter, pro, enterprise) applied next to the CRDs.
@QuarkusTestResource(
        value = SandboxApiServerResource.class,
        restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = SandboxApiServerResource.SAMPLES, value = "true"))
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = JwtTestResource.class, restrictToAnnotatedClass = false)
public abstract class PlatformApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000, 36);

    protected String clientAddress;

    private ClusterCleanup.Snapshot before;

    @BeforeEach
    void newClientAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        clientAddress = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @BeforeEach
    void rememberWhatExists() {
        before = ClusterCleanup.snapshot(kubernetes());
    }

    /** The Tenants a test created (through the API or directly) are deleted after it: no operator runs here. */
    @AfterEach
    void deleteWhatTheTestCreated() {
        if (before != null) {
            ClusterCleanup.deleteCreatedSince(kubernetes(), before, false, Duration.ofSeconds(30));
        }
    }

    /** A client of the API server the application uses: the sandbox, or the cluster of NEOFORGE_TEST_KUBECONFIG. */
    protected static KubernetesClient kubernetes() {
        return SandboxApiServerResource.cluster().client();
    }

    /** A tenant name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
    }

    protected static String newRequestId() {
        return "test-" + UUID.randomUUID();
    }

    /** A request from this test's client address. */
    protected RequestSpecification anonymous() {
        return given().header("X-Forwarded-For", clientAddress).contentType(ContentType.JSON);
    }

    protected RequestSpecification as(String token) {
        return anonymous().auth().oauth2(token);
    }

    protected static Map<String, Object> signupBody(String name, String plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("displayName", "Display of " + name);
        body.put("adminEmail", "admin@" + name + ".example");
        body.put("plan", plan);
        return body;
    }

    /** A Tenant written straight to the API server, as kubectl would. */
    protected static Tenant givenTenant(String name, String plan, boolean deletionProtection) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.setSpec(new TenantSpec());
        tenant.getSpec().setPlan(plan);
        tenant.getSpec().setDisplayName("Display of " + name);
        tenant.getSpec().setDeletionProtection(deletionProtection);
        return kubernetes().resources(Tenant.class).resource(tenant).create();
    }

    protected static Tenant tenant(String name) {
        return kubernetes().resources(Tenant.class).withName(name).get();
    }

    /** What the operator writes once a tenant is provisioned. */
    protected static void markReady(String name) {
        Tenant tenant = tenant(name);
        TenantStatus status = new TenantStatus();
        status.setPhase(TenantPhase.Ready);
        status.setUrl("http://" + name + ".neoforge.localhost");
        status.setPlan(tenant.getSpec().getPlan());
        status.setObservedGeneration(tenant.getMetadata().getGeneration());
        status.setConditions(new ArrayList<>());
        StatusConditions.set(
                status.getConditions(),
                TenantConditions.READY,
                true,
                "Provisioned",
                "namespace, database, workload and routing are ready",
                tenant.getMetadata().getGeneration(),
                Instant.now());
        tenant.setStatus(status);
        kubernetes().resources(Tenant.class).resource(tenant).updateStatus();
    }

    /** Audit rows written by one request, as {action, actor, tenant}. */
    protected static List<Map<String, String>> auditRows(String requestId) {
        String sql = "SELECT action, actor, tenant, details::text FROM audit_log WHERE request_id = ? ORDER BY id";
        try (Connection connection = TestPostgres.get().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, requestId);
            List<Map<String, String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(Map.of(
                            "action",
                            result.getString(1),
                            "actor",
                            result.getString(2),
                            "tenant",
                            result.getString(3),
                            "details",
                            result.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static long countRows(String sql, String parameter) {
        try (Connection connection = TestPostgres.get().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
