package io.neoforge.operator.tenant.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.AbstractDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.neoforge.api.v1alpha1.tenant.DeletionPolicy;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.TenantDatabaseStatus;
import io.neoforge.operator.database.TenantDatabase;
import io.neoforge.operator.database.TenantDatabaseService;
import io.neoforge.operator.tenant.TenantContext;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant's PostgreSQL role and schema, an external dependent without polling: what was applied
 * is remembered as a digest in the Tenant's status, so a resync or restart issues no SQL while the
 * desired state is unchanged. A schema dropped by hand behind the operator's back is therefore not
 * noticed until the desired state changes.
 */
public class DatabaseDependent extends AbstractDependentResource<AppliedDatabase, Tenant>
        implements Creator<AppliedDatabase, Tenant>, Updater<AppliedDatabase, Tenant>, Deleter<Tenant> {

    @Inject
    TenantDatabaseService database;

    @Override
    public Class<AppliedDatabase> resourceType() {
        return AppliedDatabase.class;
    }

    @Override
    public Optional<AppliedDatabase> getSecondaryResource(Tenant tenant, Context<Tenant> context) {
        return Optional.ofNullable(tenant.getStatus())
                .map(status -> status.getDatabase())
                .map(TenantDatabaseStatus::getAppliedDigest)
                .map(AppliedDatabase::new);
    }

    @Override
    protected Optional<AppliedDatabase> selectTargetSecondaryResource(
            Set<AppliedDatabase> secondaryResources, Tenant tenant, Context<Tenant> context) {
        return secondaryResources.stream().findFirst();
    }

    @Override
    protected AppliedDatabase desired(Tenant tenant, Context<Tenant> context) {
        return new AppliedDatabase(DatabaseDigest.of(desiredDatabase(tenant, context)));
    }

    @Override
    public Matcher.Result<AppliedDatabase> match(AppliedDatabase actual, Tenant tenant, Context<Tenant> context) {
        AppliedDatabase desired = getOrComputeDesired(context);
        boolean matched = desired.equals(actual);
        if (matched) {
            TenantContext.putDatabaseDigest(context, actual.digest());
        }
        return Matcher.Result.computed(matched, desired);
    }

    @Override
    public AppliedDatabase create(AppliedDatabase desired, Tenant tenant, Context<Tenant> context) {
        return apply(tenant, context);
    }

    @Override
    public AppliedDatabase update(
            AppliedDatabase actual, AppliedDatabase desired, Tenant tenant, Context<Tenant> context) {
        return apply(tenant, context);
    }

    private AppliedDatabase apply(Tenant tenant, Context<Tenant> context) {
        TenantDatabase desired = desiredDatabase(tenant, context);
        database.apply(desired);
        String digest = DatabaseDigest.of(desired);
        TenantContext.putDatabaseDigest(context, digest);
        return new AppliedDatabase(digest);
    }

    @Override
    public void delete(Tenant tenant, Context<Tenant> context) {
        String name = tenant.getMetadata().getName();
        if (tenant.specOrEmpty().effectiveDeletionPolicy() == DeletionPolicy.Delete) {
            database.drop(name);
        } else {
            database.disableLogin(name);
        }
    }

    @Override
    protected void onCreated(Tenant tenant, AppliedDatabase created, Context<Tenant> context) {
        // Nothing to cache: the digest reaches the Tenant's status through the reconciler.
    }

    @Override
    protected void onUpdated(Tenant tenant, AppliedDatabase updated, AppliedDatabase actual, Context<Tenant> context) {
        // Nothing to cache: the digest reaches the Tenant's status through the reconciler.
    }

    private static TenantDatabase desiredDatabase(Tenant tenant, Context<Tenant> context) {
        return TenantDatabase.of(
                tenant.getMetadata().getName(),
                TenantContext.databasePassword(context),
                TenantContext.plan(context).specOrEmpty().databaseOrDefaults().effectiveConnectionLimit(),
                !tenant.specOrEmpty().isSuspended());
    }
}
