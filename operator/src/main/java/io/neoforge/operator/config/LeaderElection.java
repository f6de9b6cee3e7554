package io.neoforge.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;

/**
 * One active operator among the Deployment's replicas. The Quarkus Operator SDK uses this bean in the
 * profiles listed in {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by
 * default); the Lease lives in the operator's own namespace (the client's: the service account's in a pod,
 * {@code kubernetes.namespace} elsewhere).
 *
 * <p>JOSDK's own reaction to losing the lease, {@code System.exit(1)} inside the leader-election callback,
 * deadlocks when that callback runs in the shutdown hook (SIGTERM, or a failed start-up): so it is switched off
 * and {@link Leadership} decides what stopping to lead means.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE_NAME = "neoforge-operator-lease";

    public LeaderElection(Leadership leadership) {
        super(
                LEASE_NAME,
                leadership.leaseNamespace(),
                LEASE_DURATION_DEFAULT_VALUE,
                RENEW_DEADLINE_DEFAULT_VALUE,
                RETRY_PERIOD_DEFAULT_VALUE,
                leadership.identity(),
                leadership.callbacks(),
                false);
    }
}
