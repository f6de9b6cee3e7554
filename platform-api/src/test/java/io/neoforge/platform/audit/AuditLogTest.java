package io.neoforge.platform.audit;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.neoforge.platform.testing.PlatformApiTest;
import io.neoforge.platform.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest extends PlatformApiTest {

    @Test
    void aPlatformAdminReadsEveryWriteToATenantNewestFirst() {
        String name = uniqueName("audited");
        String signup = newRequestId();
        String planChange = newRequestId();
        String admin = Tokens.platformAdmin();
        anonymous()
                .header("X-Request-Id", signup)
                .body(signupBody(name, "starter"))
                .post("/api/v1/signups")
                .then()
                .statusCode(202);
        as(admin)
                .header("X-Request-Id", planChange)
                .body("{\"plan\": \"pro\"}")
                .put("/api/v1/tenants/" + name + "/plan")
                .then()
                .statusCode(200);

        as(admin)
                .queryParam("tenant", name)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("action", contains("tenant.plan.change", "tenant.signup"))
                .body("requestId", contains(planChange, signup))
                .body("actor", contains("root@neoforge.test", "anonymous"))
                .body("tenant", everyItem(equalTo(name)))
                .body("[0].details.to", equalTo("pro"));
    }

    @Test
    void aLimitOutOfRangeIsAValidationProblem() {
        as(Tokens.platformAdmin())
                .queryParam("limit", 0)
                .get("/api/v1/audit")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }
}
