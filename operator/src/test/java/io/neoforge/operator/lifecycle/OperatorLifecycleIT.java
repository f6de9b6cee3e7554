package io.neoforge.operator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.config.LeaderElection;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorJvm;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import io.neoforge.testsupport.TestPostgres;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged operator (prod profile: leader election on, server-side apply) as a process, the way a pod runs it:
 * SIGTERM ends a leading replica promptly and a standby takes over; a leader that loses its Lease stops; a start-up
 * failure ends the process non-zero and says why.
 */
class OperatorLifecycleIT {
    private static final String OPERATOR_NAMESPACE = "neoforge-system";
    private static final String LOST_LEASE_NAMESPACE = "neoforge-lost-lease";
    private static final Duration START = Duration.ofSeconds(60);

    private static SandboxApiServer api;
    private static KubernetesClient client;

    @BeforeAll
    static void startApiServer() {
        api = new SandboxApiServer().start();
        api.applyCrdsFromClasspath();
        api.setAdmission(new SchemaAdmission());
        client = api.client();
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(OPERATOR_NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        new Cluster(client).plan("basic", 1, 3, "2");
    }

    @AfterAll
    static void stopApiServer() {
        api.close();
    }

    @Test
    void sigtermStopsTheLeaderPromptlyAndTheStandbyTakesOver() throws Exception {
        Map<String, String> properties = OperatorJvm.properties(api, TestPostgres.get(), OPERATOR_NAMESPACE);
        try (OperatorJvm a = OperatorJvm.start("operator-a", OperatorJvm.freePort(), properties);
                OperatorJvm b = OperatorJvm.start("operator-b", OperatorJvm.freePort(), properties)) {
            awaitListening(a);
            awaitListening(b);
            String holder = await().atMost(START)
                    .until(this::leaseHolder, Optional::isPresent)
                    .orElseThrow();
            assertThat(holder).isIn(a.identity(), b.identity());
            OperatorJvm leader = holder.equals(a.identity()) ? a : b;
            OperatorJvm standby = leader == a ? b : a;
            assertThat(standby.isAlive())
                    .as("the standby waits, it does not exit")
                    .isTrue();

            long terminated = System.nanoTime();
            leader.terminate();
            Integer exit = leader.awaitExit(Duration.ofSeconds(10));
            long exitedMillis = (System.nanoTime() - terminated) / 1_000_000;
            assertThat(exit)
                    .as("leader still running 10 s after SIGTERM; its output:%n%s", leader.output())
                    .isNotNull();

            await().atMost(Duration.ofSeconds(30))
                    .until(this::leaseHolder, h -> h.equals(Optional.of(standby.identity())));
            long takeoverMillis = (System.nanoTime() - terminated) / 1_000_000;
            System.out.printf(
                    "leader %s exited %d ms after SIGTERM (code %d); %s held the Lease %d ms after SIGTERM%n",
                    leader.identity(), exitedMillis, exit, standby.identity(), takeoverMillis);
            assertThat(leader.output()).contains("released the Lease");

            Cluster cluster = new Cluster(client, false);
            cluster.tenant("handover", "basic");
            Tenant reconciled = cluster.awaitTenant(
                    "handover",
                    t -> !t.getMetadata().getFinalizers().isEmpty()
                            && t.getStatus() != null
                            && t.getStatus().getPhase() != null);
            assertThat(reconciled.getStatus().getConditions()).isNotEmpty();
            await().atMost(Cluster.TIMEOUT)
                    .until(() -> client.namespaces().withName("tenant-handover").get() != null);
            assertThat(standby.isAlive()).isTrue();
        }
    }

    @Test
    void aRestartedOperatorWritesNothingForTenantsThatAreReady() throws Exception {
        Map<String, String> properties = OperatorJvm.properties(api, TestPostgres.get(), OPERATOR_NAMESPACE);
        Cluster cluster = new Cluster(client, false); // its own sandbox API server, without controllers
        try (OperatorJvm first = OperatorJvm.start("operator-first", OperatorJvm.freePort(), properties)) {
            awaitListening(first);
            await().atMost(START).until(this::leaseHolder, h -> h.equals(Optional.of(first.identity())));
            cluster.tenant("restarted", "basic");
            cluster.markDeploymentAvailable("tenant-restarted", "app");
            cluster.awaitTenant("restarted", Cluster.ready());
            // settled: nothing more to write once Ready
            await().pollInterval(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> mutatingRequestsAbout("restarted"), new SettledCounter());
            first.terminate();
            assertThat(first.awaitExit(Duration.ofSeconds(10))).isNotNull();
        }
        long before = mutatingRequestsAbout("restarted");
        String tenantVersion = cluster.get("restarted").getMetadata().getResourceVersion();
        try (OperatorJvm second = OperatorJvm.start("operator-second", OperatorJvm.freePort(), properties)) {
            awaitListening(second);
            await().atMost(START).until(this::leaseHolder, h -> h.equals(Optional.of(second.identity())));
            // the new leader lists everything and reconciles every tenant once: nothing to write for a Ready one
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(mutatingRequestsAbout("restarted"))
                        .as("writes for tenant restarted after a restart, " + "output:%n%s", second.output())
                        .isEqualTo(before);
                assertThat(cluster.get("restarted").getMetadata().getResourceVersion())
                        .isEqualTo(tenantVersion);
            });
        }
    }

    /** POST/PUT/PATCH/DELETE requests for a tenant, its status and the objects in its namespace. */
    private static long mutatingRequestsAbout(String tenant) {
        return api.mutatingRequests(r -> r.endsWith("/tenants/" + tenant)
                || r.contains("/tenants/" + tenant + "/")
                || r.contains("/namespaces/tenant-" + tenant + "/")
                || r.endsWith("/namespaces/tenant-" + tenant));
    }

    /** True once a counter has kept its value over two polls in a row. */
    private static final class SettledCounter implements java.util.function.Predicate<Long> {
        private Long last;
        private int same;

        @Override
        public boolean test(Long value) {
            same = value.equals(last) ? same + 1 : 0;
            last = value;
            return same >= 2;
        }
    }

    @Test
    void aLeaderWhoseLeaseIsTakenEndsTheProcessNonZero() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(LOST_LEASE_NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        Map<String, String> properties = OperatorJvm.properties(api, TestPostgres.get(), LOST_LEASE_NAMESPACE);
        try (OperatorJvm operator = OperatorJvm.start("loses-lease", OperatorJvm.freePort(), properties)) {
            awaitListening(operator);
            await().atMost(START)
                    .until(() -> leaseHolder(LOST_LEASE_NAMESPACE), h -> h.equals(Optional.of("loses-lease")));

            // What another replica's successful acquisition looks like, e.g. after this one missed its renew deadline.
            client.resources(Lease.class)
                    .inNamespace(LOST_LEASE_NAMESPACE)
                    .withName(LeaderElection.LEASE_NAME)
                    .edit(lease -> {
                        lease.getSpec().setHolderIdentity("intruder");
                        lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                        return lease;
                    });

            Integer exit = operator.awaitExit(Duration.ofSeconds(20));
            assertThat(exit)
                    .as("still reconciling without the Lease; its output:%n%s", operator.output())
                    .isEqualTo(1);
            assertThat(operator.output()).contains("loses-lease lost the Lease");
        }
    }

    @Test
    void httpPortInUseEndsTheProcessNonZeroNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = taken.getLocalPort();
            Map<String, String> properties = OperatorJvm.properties(api, TestPostgres.get(), "default");
            try (OperatorJvm operator = OperatorJvm.start("port-taken", port, properties)) {
                Integer exit = operator.awaitExit(Duration.ofSeconds(30));
                assertThat(exit)
                        .as("still running with port %d taken; its output:%n%s", port, operator.output())
                        .isNotNull()
                        .isNotZero();
                assertThat(operator.output()).contains(String.valueOf(port)).containsIgnoringCase("already");
            }
        }
    }

    @Test
    void unreachableApiServerEndsTheProcessNonZeroWithTheCause() throws Exception {
        int closed = OperatorJvm.freePort();
        Map<String, String> properties = OperatorJvm.properties(api, TestPostgres.get(), "default");
        properties.put("kubernetes.master", "http://127.0.0.1:" + closed);
        try (OperatorJvm operator = OperatorJvm.start("no-api-server", OperatorJvm.freePort(), properties)) {
            Integer exit = operator.awaitExit(Duration.ofSeconds(120));
            assertThat(exit)
                    .as("still running without an API server; its output:%n%s", operator.output())
                    .isNotNull()
                    .isNotZero();
            assertThat(operator.output()).contains("127.0.0.1:" + closed).containsIgnoringCase("connect");
        }
    }

    private Optional<String> leaseHolder() {
        return leaseHolder(OPERATOR_NAMESPACE);
    }

    private Optional<String> leaseHolder(String namespace) {
        Lease lease = client.resources(Lease.class)
                .inNamespace(namespace)
                .withName(LeaderElection.LEASE_NAME)
                .get();
        return Optional.ofNullable(lease)
                .map(Lease::getSpec)
                .map(s -> s.getHolderIdentity())
                .filter(h -> !h.isBlank());
    }

    private static void awaitListening(OperatorJvm operator) {
        await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!operator.isAlive()) {
                throw new AssertionError(operator.identity() + " exited during start-up:\n" + operator.output());
            }
            return operator.output().contains("Listening on");
        });
    }
}
