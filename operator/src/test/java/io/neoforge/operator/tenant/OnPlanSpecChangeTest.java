package io.neoforge.operator.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanStatus;
import org.junit.jupiter.api.Test;

class OnPlanSpecChangeTest {

    private final OnPlanSpecChange filter = new OnPlanSpecChange();

    private static Plan plan(long generation, int tenants) {
        Plan plan = new Plan();
        plan.setMetadata(new ObjectMetaBuilder()
                .withName("starter")
                .withGeneration(generation)
                .build());
        PlanStatus status = new PlanStatus();
        status.setTenants(tenants);
        plan.setStatus(status);
        return plan;
    }

    @Test
    void aStatusOnlyUpdateSuchAsTheTenantCountReachesNoTenant() {
        assertThat(filter.accept(plan(3, 1001), plan(3, 1000))).isFalse();
    }

    @Test
    void aSpecChangeReachesTheTenants() {
        assertThat(filter.accept(plan(4, 1000), plan(3, 1000))).isTrue();
    }
}
