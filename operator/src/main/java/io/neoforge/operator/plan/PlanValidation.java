package io.neoforge.operator.plan;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Quantity;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.plan.Plan;

/**
 * What the CRD schema cannot check about a Plan: container requests must not exceed limits or the
 * quota, or every tenant's LimitRange and Deployment would be refused by the API server.
 */
public final class PlanValidation {
    private PlanValidation() {
    }

    /** Why the plan cannot be applied, or empty when it can. */
    public static Optional<String> problem(Plan plan) {
        ContainerDefaults container = plan.getSpec().getContainer();
        if (exceeds(container.getCpuRequest(), container.getCpuLimit())) {
            return Optional.of("spec.container.cpuRequest " + container.getCpuRequest() + " exceeds cpuLimit "
                    + container.getCpuLimit());
        }
        if (exceeds(container.getMemoryRequest(), container.getMemoryLimit())) {
            return Optional.of("spec.container.memoryRequest " + container.getMemoryRequest() + " exceeds memoryLimit "
                    + container.getMemoryLimit());
        }
        if (exceeds(container.getCpuRequest(), plan.getSpec().getQuota().getCpu())
                || exceeds(container.getMemoryRequest(), plan.getSpec().getQuota().getMemory())) {
            return Optional.of("a single container's requests exceed the namespace quota (spec.quota)");
        }
        return Optional.empty();
    }

    private static boolean exceeds(String amount, String limit) {
        return Quantity.getAmountInBytes(new Quantity(amount)).compareTo(Quantity.getAmountInBytes(new Quantity(limit))) > 0;
    }
}
