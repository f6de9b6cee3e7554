package io.neoforge.operator.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.testing.Cluster;
import io.neoforge.operator.testing.OperatorTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlanTenantCountTest extends OperatorTest {

    private void awaitCount(String plan, int tenants) {
        await().atMost(Cluster.TIMEOUT).untilAsserted(() -> {
            Plan current = client.resources(Plan.class).withName(plan).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getTenants())
                    .as("tenants on plan %s", plan)
                    .isEqualTo(tenants);
        });
    }

    @Test
    void theCountFollowsTenantsJoiningMovingAndLeavingAPlan() {
        cluster.plan("counted", 1, 2, "1");
        cluster.plan("other", 1, 2, "1");
        cluster.tenant("count-one", "counted");
        cluster.tenant("count-two", "counted");
        awaitCount("counted", 2);

        cluster.edit("count-one", tenant -> {
            tenant.getSpec().setPlan("other");
            return tenant;
        });
        awaitCount("counted", 1);
        awaitCount("other", 1);

        client.resources(Tenant.class).withName("count-two").delete();
        awaitCount("counted", 0);
        client.resources(Tenant.class).withName("count-one").delete();
        awaitCount("other", 0);
    }
}
