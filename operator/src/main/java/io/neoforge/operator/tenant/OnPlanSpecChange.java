package io.neoforge.operator.tenant;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.neoforge.api.v1alpha1.plan.Plan;
import java.util.Objects;

/**
 * Lets a Plan update reach its tenants only when the Plan's spec changed (its generation moved). The Plan's status
 * counts its tenants and changes whenever one is created or deleted; without this filter each such change
 * reconciled every tenant of the plan (with 10,000 tenants on a plan, one signup meant 10,000 reconciliations).
 */
public class OnPlanSpecChange implements OnUpdateFilter<Plan> {

    @Override
    public boolean accept(Plan updated, Plan old) {
        return !Objects.equals(
                        updated.getMetadata().getGeneration(), old.getMetadata().getGeneration())
                || updated.getMetadata().getGeneration() == null;
    }
}
