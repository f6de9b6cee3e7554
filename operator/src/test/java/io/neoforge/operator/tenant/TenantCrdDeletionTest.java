package io.neoforge.operator.tenant;

import static io.neoforge.operator.testing.Cluster.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.neoforge.api.v1alpha1.tenant.DeletionPolicy;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.testsupport.TestPostgres;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting the Tenant CRD deletes every Tenant (the API server's doing), yet no tenant's data: namespaces, their
 * objects, schemas and roles stay, and a Tenant of the same name adopts them again. The CRD is deleted in the API
 * server every test class shares, so each test puts it back.
 */
@QuarkusTest
class TenantCrdDeletionTest extends OperatorTest {
    private static final List<String> TENANTS = List.of("crd-gone-a", "crd-gone-b");

    /** Injected by SandboxApiServerResource. */
    SandboxApiServer server;

    @BeforeEach
    void needsTheSandbox() {
        Cluster.assumeSandbox("it deletes the Tenant CRD, which on a shared cluster deletes every Tenant there, and "
                + "manifests/base's ValidatingAdmissionPolicy refuses that anyway; it restores the CRD through the "
                + "sandbox");
    }

    @AfterEach
    void restoreTheCrd() {
        await().atMost(Cluster.TIMEOUT)
                .until(() -> crd() == null || crd().getMetadata().getDeletionTimestamp() == null);
        if (crd() == null) {
            server.applyCrdsFromClasspath();
        }
    }

    @Test
    void deletingTheTenantCrdKeepsEveryTenantsNamespaceObjectsAndDatabase() throws Exception {
        Map<String, String> namespaceUids = new java.util.HashMap<>();
        Map<String, String> passwords = new java.util.HashMap<>();
        for (String name : TENANTS) {
            // Delete would drop schema and role on an ordinary deletion: not on this one.
            provision(name, DeletionPolicy.Delete);
            namespaceUids.put(
                    name,
                    client.namespaces()
                            .withName("tenant-" + name)
                            .get()
                            .getMetadata()
                            .getUid());
            passwords.put(
                    name, cluster.secretData("tenant-" + name, "neoforge-db").get("password"));
            writeCustomer(name, passwords.get(name));
        }
        String uidOfA = cluster.get("crd-gone-a").getMetadata().getUid();

        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TenantCrdDeletion.CRD_NAME)
                .delete();
        await().atMost(Cluster.TIMEOUT).until(() -> crd() == null);

        for (String name : TENANTS) {
            Namespace namespace = client.namespaces().withName("tenant-" + name).get();
            assertThat(namespace.getMetadata().getDeletionTimestamp())
                    .as("namespace of %s", name)
                    .isNull();
            assertThat(namespace.getMetadata().getUid()).isEqualTo(namespaceUids.get(name));
            Secret secret = client.secrets()
                    .inNamespace("tenant-" + name)
                    .withName("neoforge-db")
                    .get();
            assertThat(secret.getMetadata().getOwnerReferences())
                    .as("released for the garbage collector to keep it")
                    .isEmpty();
            assertThat(cluster.secretData("tenant-" + name, "neoforge-db").get("password"))
                    .isEqualTo(passwords.get(name));
            assertThat(client.apps()
                            .deployments()
                            .inNamespace("tenant-" + name)
                            .withName("app")
                            .get())
                    .isNotNull();
            assertThat(readCustomer(name, passwords.get(name)))
                    .as("schema and role of %s, login enabled", name)
                    .isEqualTo("gavin");
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .anyMatch(e -> "TenantCrdDeleted".equals(e.getReason())
                            && name.equals(e.getInvolvedObject().getName()));
        }

        server.applyCrdsFromClasspath();
        provision("crd-gone-a", DeletionPolicy.Delete);

        Tenant adopted = cluster.get("crd-gone-a");
        assertThat(adopted.getMetadata().getUid()).isNotEqualTo(uidOfA);
        assertThat(client.namespaces()
                        .withName("tenant-crd-gone-a")
                        .get()
                        .getMetadata()
                        .getUid())
                .isEqualTo(namespaceUids.get("crd-gone-a"));
        assertThat(cluster.secretData("tenant-crd-gone-a", "neoforge-db").get("password"))
                .isEqualTo(passwords.get("crd-gone-a"));
        assertThat(readCustomer("crd-gone-a", passwords.get("crd-gone-a"))).isEqualTo("gavin");
    }

    private CustomResourceDefinition crd() {
        return client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(TenantCrdDeletion.CRD_NAME)
                .get();
    }

    private void provision(String name, DeletionPolicy policy) {
        Tenant tenant = new Tenant();
        tenant.getMetadata().setName(name);
        tenant.setSpec(new TenantSpec()); // a new Tenant has no spec (no initialiser)
        tenant.getSpec().setPlan("basic");
        tenant.getSpec().setDeletionPolicy(policy);
        client.resource(tenant).create();
        cluster.markDeploymentAvailable("tenant-" + name, "app");
        cluster.awaitTenant(name, ready());
    }

    private static void writeCustomer(String tenant, String password) throws SQLException {
        try (Connection connection = TestPostgres.get().connectAs(role(tenant), password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS customers (name text)");
            statement.execute("DELETE FROM customers");
            statement.execute("INSERT INTO customers VALUES ('gavin')");
        }
    }

    private static String readCustomer(String tenant, String password) throws SQLException {
        try (Connection connection = TestPostgres.get().connectAs(role(tenant), password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM customers")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static String role(String tenant) {
        return "tenant_" + tenant.replace('-', '_');
    }
}
