package io.neoforge.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.plan.PlanQuota;
import io.neoforge.api.v1alpha1.plan.PlanSpec;
import org.junit.jupiter.api.Test;

class PlanValidationTest {

    @Test
    void aPlanWithoutSpecTakesTheDefaultsAndHasNoProblem() {
        assertThat(PlanValidation.problem(new Plan())).isEmpty();
    }

    @Test
    void aPlanWithEmptyPartsTakesTheDefaultsAndHasNoProblem() {
        Plan plan = plan();
        plan.getSpec().setQuota(new PlanQuota());
        assertThat(PlanValidation.problem(plan)).isEmpty();
    }

    @Test
    void requestAboveLimitIsAProblem() {
        Plan plan = plan();
        plan.getSpec().getContainer().setMemoryRequest("1Gi");
        plan.getSpec().getContainer().setMemoryLimit("512Mi");
        assertThat(PlanValidation.problem(plan))
                .hasValueSatisfying(p -> assertThat(p).contains("memoryRequest 1Gi"));
    }

    @Test
    void containerRequestAboveTheNamespaceQuotaIsAProblem() {
        Plan plan = plan();
        plan.getSpec().setQuota(new PlanQuota());
        plan.getSpec().getQuota().setCpu("100m");
        plan.getSpec().getContainer().setCpuRequest("200m");
        plan.getSpec().getContainer().setCpuLimit("1");
        assertThat(PlanValidation.problem(plan))
                .hasValueSatisfying(p -> assertThat(p).contains("quota"));
    }

    @Test
    void aRequestAboveTheDefaultLimitIsAProblemToo() {
        Plan plan = plan();
        plan.getSpec().getContainer().setMemoryRequest("1Gi"); // the default limit is 512Mi
        assertThat(PlanValidation.problem(plan))
                .hasValueSatisfying(p -> assertThat(p).contains("memoryLimit 512Mi"));
    }

    private static Plan plan() {
        Plan plan = new Plan();
        plan.setSpec(new PlanSpec());
        plan.getSpec().setContainer(new ContainerDefaults());
        return plan;
    }
}
