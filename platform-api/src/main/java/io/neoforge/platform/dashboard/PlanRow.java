package io.neoforge.platform.dashboard;

import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanStatus;
import java.util.Optional;

/** One plan with the tenant count the operator reports in its status. */
public record PlanRow(String name, String displayName, String tenants) {

    static PlanRow of(Plan plan) {
        return new PlanRow(
                plan.getMetadata().getName(),
                Optional.ofNullable(plan.specOrEmpty().getDisplayName()).orElse(""),
                Optional.ofNullable(plan.getStatus())
                        .map(PlanStatus::getTenants)
                        .map(String::valueOf)
                        .orElse("–"));
    }
}
