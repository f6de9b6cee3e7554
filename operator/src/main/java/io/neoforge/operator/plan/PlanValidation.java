package io.neoforge.operator.plan;

import io.fabric8.kubernetes.api.model.Quantity;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import java.util.Optional;

/**
 * What the CRD schema cannot check about a Plan: container requests must not exceed limits or the
 * quota, or every tenant's LimitRange and Deployment would be refused by the API server.
 */
public final class PlanValidation {
    private PlanValidation() {}

    /** Why the plan cannot be applied, or empty when it can. */
    public static Optional<String> problem(Plan plan) {
        ContainerDefaults container = plan.specOrEmpty().containerOrDefaults();
        PlanQuota quota = plan.specOrEmpty().quotaOrDefaults();
        if (exceeds(container.effectiveCpuRequest(), container.effectiveCpuLimit())) {
            return Optional.of("spec.container.cpuRequest " + container.effectiveCpuRequest() + " exceeds cpuLimit "
                    + container.effectiveCpuLimit());
        }
        if (exceeds(container.effectiveMemoryRequest(), container.effectiveMemoryLimit())) {
            return Optional.of("spec.container.memoryRequest " + container.effectiveMemoryRequest()
                    + " exceeds memoryLimit " + container.effectiveMemoryLimit());
        }
        if (exceeds(container.effectiveCpuRequest(), quota.effectiveCpu())
                || exceeds(container.effectiveMemoryRequest(), quota.effectiveMemory())) {
            return Optional.of("a single container's requests exceed the namespace quota (spec.quota)");
        }
        return Optional.empty();
    }

    private static boolean exceeds(String amount, String limit) {
        return Quantity.getAmountInBytes(new Quantity(amount)).compareTo(Quantity.getAmountInBytes(new Quantity(limit)))
                > 0;
    }
}
