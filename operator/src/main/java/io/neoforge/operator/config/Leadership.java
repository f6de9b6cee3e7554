package io.neoforge.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What this replica does when it starts or stops leading. Stopping to lead has two causes that need opposite
 * answers: the application is shutting down (SIGTERM, failed start-up), where the controllers have already stopped
 * and the Lease is handed over so that a standby takes over at once instead of after the lease duration; or the
 * lease was lost while running (API server unreachable past the renew deadline, another holder), where this
 * replica must stop reconciling, so the application exits non-zero and Kubernetes restarts it as a standby.
 */
@Singleton
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class);
    private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final String identity;
    private volatile boolean shuttingDown;

    public Leadership(KubernetesClient client) {
        this.client = client;
        this.identity = identityOf(System.getenv("HOSTNAME"));
    }

    /** The pod's name (HOSTNAME) where there is one, as kubectl shows it; otherwise unique per process. */
    static String identityOf(String hostname) {
        return hostname == null || hostname.isBlank() ? "neoforge-operator-" + UUID.randomUUID() : hostname;
    }

    String identity() {
        return identity;
    }

    /** Null when the client has no namespace: JOSDK then refuses to start, saying so. */
    String leaseNamespace() {
        return client.getNamespace();
    }

    LeaderCallbacks callbacks() {
        return new LeaderCallbacks(
                () -> LOG.infof(
                        "%s leads (Lease %s/%s): reconciling", identity, leaseNamespace(), LeaderElection.LEASE_NAME),
                this::stoppedLeading,
                leader -> {
                    // JOSDK logs the new leader itself
                });
    }

    /** Before the Operator SDK's own shutdown observer stops the controllers and then leader election. */
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        shuttingDown = true;
    }

    private void stoppedLeading() {
        if (shuttingDown) {
            handOver();
            return;
        }
        LOG.errorf(
                "%s lost the Lease %s/%s: exiting, so that only the new leader reconciles",
                identity, leaseNamespace(), LeaderElection.LEASE_NAME);
        Quarkus.asyncExit(1);
    }

    /**
     * Empties the Lease if this replica still holds it, as client-go's ReleaseOnCancel does (JOSDK does not ask
     * Fabric8 for it). Bounded: an unreachable API server must not hold up the shutdown; the lease then expires.
     */
    private void handOver() {
        String namespace = leaseNamespace();
        try {
            CompletableFuture.runAsync(() -> release(namespace), runnable -> {
                        Thread thread = new Thread(runnable, "lease-handover");
                        thread.setDaemon(true);
                        thread.start();
                    })
                    .get(HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf(
                    "Could not release the Lease %s/%s (%s): a standby takes over once it expires",
                    namespace, LeaderElection.LEASE_NAME, e);
        }
    }

    private void release(String namespace) {
        LeaseLock lock = new LeaseLock(namespace, LeaderElection.LEASE_NAME, identity);
        LeaderElectionRecord current = lock.get(client);
        if (current == null || !identity.equals(current.getHolderIdentity())) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        lock.update(
                client,
                new LeaderElectionRecord(null, Duration.ofSeconds(1), now, now, current.getLeaderTransitions()));
        LOG.infof(
                "%s released the Lease %s/%s for a standby to take over",
                identity, namespace, LeaderElection.LEASE_NAME);
    }
}
