package io.neoforge.api.v1alpha1.tenant;

/** Condition types a Tenant reports; {@code Ready} summarises the others. */
public final class TenantConditions {
    public static final String READY = "Ready";
    public static final String PLAN_RESOLVED = "PlanResolved";
    public static final String NAMESPACE_READY = "NamespaceReady";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String WORKLOAD_READY = "WorkloadReady";
    public static final String ROUTING_READY = "RoutingReady";
    public static final String SUSPENDED = "Suspended";

    private TenantConditions() {
    }
}
