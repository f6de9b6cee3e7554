package io.neoforge.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.neoforge.api.v1alpha1.plan.Plan;

class PlanValidationTest {

    @Test
    void defaultPlanHasNoProblem() {
        assertThat(PlanValidation.problem(new Plan())).isEmpty();
    }

    @Test
    void requestAboveLimitIsAProblem() {
        Plan plan = new Plan();
        plan.getSpec().getContainer().setMemoryRequest("1Gi");
        plan.getSpec().getContainer().setMemoryLimit("512Mi");
        assertThat(PlanValidation.problem(plan)).hasValueSatisfying(p -> assertThat(p).contains("memoryRequest 1Gi"));
    }

    @Test
    void containerRequestAboveTheNamespaceQuotaIsAProblem() {
        Plan plan = new Plan();
        plan.getSpec().getQuota().setCpu("100m");
        plan.getSpec().getContainer().setCpuRequest("200m");
        plan.getSpec().getContainer().setCpuLimit("1");
        assertThat(PlanValidation.problem(plan)).hasValueSatisfying(p -> assertThat(p).contains("quota"));
    }
}
