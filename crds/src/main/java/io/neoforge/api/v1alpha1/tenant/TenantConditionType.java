package io.neoforge.api.v1alpha1.tenant;

/**
 * The condition types the operator sets on a Tenant, one per part it provisions, summarised by {@link #Ready}. The
 * constant's name is the condition's {@code type}. Conditions of other types may sit beside them (another controller
 * owns those through server-side apply); the operator never writes or removes them.
 */
public enum TenantConditionType {
    Ready("The summary: True when every part is ready and the tenant is served; otherwise it carries the reason of the "
            + "first part that is not (or why the tenant is suspended, refused or waiting for deletion)."),
    PlanResolved("The Plan named in spec.plan exists and can be applied."),
    NamespaceReady("Namespace tenant-<name> exists with its ResourceQuota, LimitRange, NetworkPolicy and the admins' "
            + "Role and RoleBinding."),
    DatabaseReady("The tenant's PostgreSQL role and schema are applied and its credentials are in Secret neoforge-db."),
    WorkloadReady("The app is running: its ServiceAccount, ConfigMap neoforge-branding, Deployment, "
            + "HorizontalPodAutoscaler and PodDisruptionBudget are applied and the Deployment is available (while "
            + "suspended: scaled to zero)."),
    RoutingReady("The app's Service and Ingress for <name>.<base-domain> are applied."),
    Suspended("True while spec.suspended is true: the app is scaled to zero and database login is disabled.");

    private final String description;

    TenantConditionType(String description) {
        this.description = description;
    }

    /** What the condition says when True, for people (docs/crd-reference.md). */
    public String description() {
        return description;
    }
}
