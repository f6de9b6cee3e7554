package io.neoforge.api.v1alpha1.tenant;

/**
 * The names of {@link TenantConditionType}'s constants as compile-time strings, for clients that look conditions up
 * by type (dashboards, tests). The operator itself uses the enum.
 */
public final class TenantConditions {
    public static final String READY = "Ready";
    public static final String PLAN_RESOLVED = "PlanResolved";
    public static final String NAMESPACE_READY = "NamespaceReady";
    public static final String DATABASE_READY = "DatabaseReady";
    public static final String WORKLOAD_READY = "WorkloadReady";
    public static final String ROUTING_READY = "RoutingReady";
    public static final String SUSPENDED = "Suspended";

    private TenantConditions() {}
}
