package io.neoforge.operator.tenant;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import java.util.Optional;

/** Values one reconciliation hands from the reconciler and one dependent to the next. */
public final class TenantContext {
    private static final String PLAN = "neoforge.plan";
    private static final String DATABASE_PASSWORD = "neoforge.database.password";
    private static final String DATABASE_DIGEST = "neoforge.database.digest";
    private static final String FAILED_STATUS = "neoforge.status.failed";

    private TenantContext() {}

    public static void putPlan(Context<Tenant> context, Plan plan) {
        context.managedWorkflowAndDependentResourceContext().put(PLAN, plan);
    }

    public static Plan plan(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(PLAN, Plan.class);
    }

    public static void putDatabasePassword(Context<Tenant> context, String password) {
        context.managedWorkflowAndDependentResourceContext().put(DATABASE_PASSWORD, password);
    }

    public static String databasePassword(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(DATABASE_PASSWORD, String.class);
    }

    /** The digest of the database state now known to be applied, set by the database dependent. */
    public static void putDatabaseDigest(Context<Tenant> context, String digest) {
        context.managedWorkflowAndDependentResourceContext().put(DATABASE_DIGEST, digest);
    }

    public static Optional<String> databaseDigest(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().get(DATABASE_DIGEST, String.class);
    }

    /**
     * The status of a reconciliation that failed, for updateErrorStatus: JOSDK hands it the same context, so nothing
     * about a tenant outlives its reconciliation.
     */
    public static void putFailedStatus(Context<Tenant> context, TenantStatusBuilder status) {
        context.managedWorkflowAndDependentResourceContext().put(FAILED_STATUS, status);
    }

    public static Optional<TenantStatusBuilder> failedStatus(Context<Tenant> context) {
        return context.managedWorkflowAndDependentResourceContext().get(FAILED_STATUS, TenantStatusBuilder.class);
    }
}
