package io.neoforge.api.v1alpha1.tenant;

import static io.neoforge.api.v1alpha1.tenant.TenantConditionType.DatabaseReady;
import static io.neoforge.api.v1alpha1.tenant.TenantConditionType.PlanResolved;
import static io.neoforge.api.v1alpha1.tenant.TenantConditionType.Ready;
import static io.neoforge.api.v1alpha1.tenant.TenantConditionType.RoutingReady;
import static io.neoforge.api.v1alpha1.tenant.TenantConditionType.WorkloadReady;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every reason the operator gives on a Tenant's conditions; the constant's name is the condition's {@code reason}.
 * Each says on which conditions it appears, what it means and what a person should do about it. The Ready condition
 * also repeats the reason of the first part that is not ready, which the sets below include.
 */
public enum TenantConditionReason {
    // --- the tenant as a whole ---
    Provisioned(false, "Every part is ready; the tenant is served at status.url.", "Nothing.", Ready),
    Provisioning(
            false,
            "The operator has not yet observed every part.",
            "Wait; the other conditions say which part is " + "pending.",
            Ready),
    InvalidName(
            false,
            "metadata.name is not a valid tenant name (a DNS label of 3 to 40 characters, not reserved); "
                    + "nothing is created for it.",
            "Delete the Tenant and create it under a valid name.",
            Ready),
    DeletionProtected(
            false,
            "The Tenant is being deleted but spec.deletionProtection is true, so everything is kept.",
            "Set spec.deletionProtection to false to let the deletion proceed, or re-create the Tenant to keep it.",
            Ready),
    DeletionThrottled(
            false,
            "More tenants were deleted in the last hour than neoforge.deletion.max-per-hour allows; "
                    + "this deletion waits and is retried.",
            "Wait, or raise neoforge.deletion.max-per-hour if the deletions " + "are intended.",
            Ready),
    DeletionFailed(
            true,
            "Part of the clean-up (namespace or database) failed; the operator retries.",
            "Read the " + "message and the operator's log for the tenant; fix what it names.",
            Ready),

    // --- PlanResolved ---
    PlanFound(false, "The plan exists and is applied.", "Nothing.", PlanResolved),
    PlanNotFound(
            false,
            "The Plan named in spec.plan does not exist; existing objects are kept unchanged.",
            "Create the Plan or set spec.plan to an existing one.",
            PlanResolved,
            Ready),
    PlanInvalid(
            false,
            "The Plan cannot be applied (e.g. container requests above its limits or the quota); existing "
                    + "objects are kept unchanged.",
            "Fix the Plan (its Ready condition says what is wrong) or choose another.",
            PlanResolved,
            Ready),

    // --- NamespaceReady ---
    NamespaceReady(
            false,
            "The namespace and its quota, limits, network policy and admin access are in place.",
            "Nothing.",
            TenantConditionType.NamespaceReady),
    NamespaceMissing(
            false,
            "The namespace has not been created yet.",
            "Wait; if it persists, see the operator's log.",
            TenantConditionType.NamespaceReady,
            Ready),
    NamespaceTerminating(
            false,
            "Namespace tenant-<name> is being deleted (by someone else); it is re-created once it " + "is gone.",
            "Wait for the namespace to go; if it hangs, look at its finalizers.",
            TenantConditionType.NamespaceReady,
            Ready),

    // --- DatabaseReady ---
    DatabasePending(
            false,
            "Role and schema have not been applied yet, or a part they wait for (Secret neoforge-db, "
                    + "the namespace) is not ready.",
            "Wait; the NamespaceReady condition says if the namespace is the cause.",
            DatabaseReady,
            Ready),
    SchemaReady(
            false,
            "Role and schema are applied; the credentials are in Secret neoforge-db.",
            "Nothing.",
            DatabaseReady),
    LoginDisabled(
            false,
            "Role and schema are applied and login is disabled while the tenant is suspended.",
            "Nothing; set spec.suspended to false to resume.",
            DatabaseReady),
    DatabaseUnavailable(
            true,
            "The operator cannot reach PostgreSQL; it retries with backoff.",
            "Check the database " + "server and the operator's quarkus.datasource settings.",
            DatabaseReady,
            Ready),
    DatabaseError(
            true,
            "PostgreSQL refused a statement for the tenant's role or schema; it retries with backoff.",
            "Read the message and the operator's log for the tenant (often privileges of the operator's user).",
            DatabaseReady,
            Ready),

    // --- WorkloadReady ---
    DeploymentMissing(
            false,
            "The app Deployment has not been created yet (or a part it needs is not ready).",
            "Wait; the other conditions say which part it waits for.",
            WorkloadReady,
            Ready),
    DeploymentProgressing(
            false,
            "The Deployment controller has not yet observed the latest app spec.",
            "Wait.",
            WorkloadReady,
            Ready),
    DeploymentUnavailable(
            false,
            "No replica of the app is available.",
            "Look at the pods in namespace tenant-<name> " + "(image, crash loop, quota).",
            WorkloadReady,
            Ready),
    DeploymentAvailable(false, "The app has available replicas.", "Nothing.", WorkloadReady),
    ScalingToZero(false, "The tenant is suspended and app replicas are still running.", "Wait.", WorkloadReady),
    ScaledToZero(false, "The tenant is suspended and the app runs no replica.", "Nothing.", WorkloadReady),

    // --- RoutingReady ---
    IngressMissing(
            false,
            "The Ingress has not been created yet (or the Service it routes to is not ready).",
            "Wait; " + "if it persists, see the operator's log.",
            RoutingReady,
            Ready),
    IngressCreated(
            false,
            "The Ingress routes the host to the app; the ingress controller has not published an address " + "yet.",
            "Nothing, unless the host stays unreachable: then check the ingress controller.",
            RoutingReady),
    IngressAdmitted(false, "The Ingress routes the host to the app and has an address.", "Nothing.", RoutingReady),

    // --- Suspended ---
    SuspendedBySpec(
            false,
            "spec.suspended is true: the app is scaled to zero and login is disabled; data is kept.",
            "Set spec.suspended to false to resume.",
            TenantConditionType.Suspended),
    Active(false, "spec.suspended is false: the tenant is served.", "Nothing.", TenantConditionType.Suspended),
    Suspended(
            false,
            "The tenant is suspended (spec.suspended is true); while parts are still being suspended the message "
                    + "says which.",
            "Set spec.suspended to false to resume.",
            Ready),

    // --- a write of an object of any part failed (on that part's condition, and on Ready) ---
    WriteForbidden(
            true,
            "The API server does not let the operator write an object of this part.",
            "Compare the " + "operator's ClusterRole with manifests/base and check the cluster's admission policies.",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    WriteConflict(
            true,
            "Someone else changed the object while the operator wrote it; the operator retries.",
            "Nothing, " + "unless it persists: then find the other writer (metadata.managedFields).",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    WriteRejected(
            true,
            "The API server rejected the object as invalid, often because of an admission policy or a "
                    + "limit of the cluster.",
            "Read the operator's log for the tenant: it has the API server's answer.",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    ApiNotFound(
            true,
            "The API server answered \"not found\": the namespace is gone or the cluster does not serve the "
                    + "object's kind.",
            "Check that the cluster serves the kind (e.g. autoscaling/v2, policy/v1).",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    ApiServerUnavailable(
            true,
            "The Kubernetes API server did not answer; the operator retries.",
            "Check the API " + "server and the operator's network access to it.",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    WriteFailed(
            true,
            "Writing an object failed for another reason; the operator retries.",
            "Read the operator's log " + "for the tenant.",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready),
    ObjectOwnedElsewhere(
            true,
            "An object the operator would create exists and is controlled by another owner, so the "
                    + "operator leaves it alone.",
            "Delete the other object or remove its controller owner reference, if the " + "operator should own it.",
            TenantConditionType.NamespaceReady,
            DatabaseReady,
            WorkloadReady,
            RoutingReady,
            Ready);

    private final boolean failure;
    private final String meaning;
    private final String action;
    private final Set<TenantConditionType> conditions;

    TenantConditionReason(
            boolean failure, String meaning, String action, TenantConditionType first, TenantConditionType... more) {
        this.failure = failure;
        this.meaning = meaning;
        this.action = action;
        this.conditions = EnumSet.of(first, more);
    }

    /** Whether something failed (a Warning event), as opposed to a state that is expected or passes by itself. */
    public boolean isFailure() {
        return failure;
    }

    /** What the reason means, for people (docs/crd-reference.md). */
    public String meaning() {
        return meaning;
    }

    /** What a person should do about it. */
    public String action() {
        return action;
    }

    /** The conditions that can carry this reason. */
    public Set<TenantConditionType> conditions() {
        return conditions;
    }
}
