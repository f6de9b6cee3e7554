package io.neoforge.operator.config;

import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;

/**
 * One active operator among the Deployment's replicas. The Quarkus Operator SDK uses this bean in the
 * profiles listed in {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by
 * default); the Lease lives in the operator's own namespace.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {
    public static final String LEASE_NAME = "neoforge-operator-lease";

    public LeaderElection() {
        super(LEASE_NAME);
    }
}
