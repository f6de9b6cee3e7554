package io.neoforge.operator.tenant.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.neoforge.api.v1alpha1.tenant.Tenant;

/** Precondition of objects that exist only while the tenant is served; when false they are deleted. */
public class NotSuspended implements Condition<Object, Tenant> {
    @Override
    public boolean isMet(DependentResource<Object, Tenant> dependent, Tenant tenant, Context<Tenant> context) {
        return !tenant.specOrEmpty().isSuspended();
    }
}
